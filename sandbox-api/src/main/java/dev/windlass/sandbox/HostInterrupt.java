package dev.windlass.sandbox;


/**
 * Thrown by {@link HostCall#checkpoint} when the store ran out of fuel or reached its deadline
 * during a host function's work. When it leaves the host function, the call traps with its
 * {@link #code()} (OUT_OF_FUEL or INTERRUPT), as Wasm code would at the same point, not with
 * HOST_EXCEPTION. A host function may catch it to clean up, and must then rethrow it.
 */
final class HostInterrupt extends RuntimeException {

    private final TrapCode code;

    HostInterrupt(TrapCode code) {
        super(code.message(), null, false, false);
        this.code = code;
    }

    TrapCode code() {
        return code;
    }
}
