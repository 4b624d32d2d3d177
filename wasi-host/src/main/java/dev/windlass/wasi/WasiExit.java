package dev.windlass.wasi;

/**
 * The guest called {@code proc_exit}: the call ends with this exit status, not with a trap. It
 * reaches the Java caller as the cause of the {@link dev.windlass.sandbox.WasmTrap} that ended
 * the Wasm call; {@link WasiCommand} turns it into an exit code. After it, the instance must not
 * be used again.
 */
public final class WasiExit extends RuntimeException {

    private final int status;

    public WasiExit(int status) {
        super("proc_exit(" + status + ")", null, false, false);
        this.status = status;
    }

    /** {@return the exit status the guest gave} */
    public int status() {
        return status;
    }
}
