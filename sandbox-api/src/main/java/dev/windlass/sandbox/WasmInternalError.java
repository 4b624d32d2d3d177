package dev.windlass.sandbox;

/**
 * The runtime failed while Wasm code ran: a Java exception inside one of the runtime's own
 * builtins (memory and table growth, bulk memory and table operations) that is not a failure
 * Wasm defines. It is a bug in Windlass, not the guest's doing, so it is never reported as a
 * {@link WasmTrap}: the call that met it throws this, with the original exception as the
 * {@linkplain #getCause() cause}.
 *
 * <p>The call is abandoned as a trap would abandon it (a trapping builtin unwinds the code; a
 * growth that failed this way returned -1 to the code, which ran on, and the error is thrown when
 * the call returns). The store stays open, but what the failed operation did to its memories or
 * tables is unspecified: close it.
 */
public final class WasmInternalError extends RuntimeException {

    WasmInternalError(Throwable cause) {
        super("internal error in the Windlass runtime during a Wasm call: " + cause, cause);
    }
}
