package dev.windlass.wasi;

import dev.windlass.sandbox.HostCall;

/**
 * What the work of one WASI call costs, charged through {@link HostCall#checkpoint} between
 * bounded steps, so that no guest number (a length, a count, a timeout) lets a call outlast
 * the store's fuel, timeout or epoch deadline: the call then traps with OUT_OF_FUEL or
 * INTERRUPT, as the guest's own code would.
 *
 * <p>The rule: data moves in steps of at most {@link #CHUNK} bytes, each charged one unit of
 * fuel per {@link #BYTES_PER_FUEL} bytes (a Wasm loop copying the same bytes costs more);
 * arrays of guest records (iovecs) are read {@link #ENTRIES_PER_STEP} entries a step, each step
 * one unit; a sleep is checked every {@link #SLEEP_STEP_NANOS}, for free.
 */
final class HostWork {

    /** The most bytes moved between two checkpoints. */
    static final int CHUNK = 64 * 1024;
    /** Bytes moved per unit of fuel. */
    static final int BYTES_PER_FUEL = 64;
    /** Guest records (iovec entries) read per checkpoint; a power of two. */
    static final int ENTRIES_PER_STEP = 1024;
    /** The longest sleep between two checks of the deadline. */
    static final long SLEEP_STEP_NANOS = 10_000_000L;

    private final HostCall call;

    HostWork(HostCall call) {
        this.call = call;
    }

    /** Charges moving {@code bytes} (at most a {@link #CHUNK}) and checks the deadlines. */
    void bytes(long bytes) {
        call.checkpoint((bytes + BYTES_PER_FUEL - 1) / BYTES_PER_FUEL);
    }

    /** Charges one step of {@link #ENTRIES_PER_STEP} records and checks the deadlines. */
    void entries() {
        call.checkpoint(1);
    }

    /** Checks the deadlines (and that fuel is not already spent) without charging. */
    void check() {
        call.checkpoint(0);
    }
}
