package dev.windlass.sandbox;

import dev.windlass.winch.compile.TrapSite;
import dev.windlass.winch.vm.RuntimeOffsets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Turns the state a trapping call left in a store's runtime block (the trap pc, the return
 * addresses the trap handler copied) into a {@link WasmTrap}: the trap site's code, function and
 * bytecode offset, the Wasm backtrace, and, for a host function's failure, the exception it
 * threw, which the dispatcher parked here while the code unwound.
 *
 * <p>A Java exception inside a runtime builtin is parked here too, as an internal error: the
 * builtin returns its failure status (the code traps, or a growth returns -1), and the call then
 * throws {@link WasmInternalError} instead of the trap the status would have meant. It wins over
 * whatever trap the code reports; so does one that reached a host function from a nested call.
 */
final class TrapDecoder {

    private final MemorySegment runtime;
    private Throwable parkedHostException;
    private Throwable internalError;

    TrapDecoder(MemorySegment runtime) {
        this.runtime = runtime;
    }

    /** Keeps what a host function threw until the trap reaches the Java caller; the first one wins. */
    void parkHostException(Throwable t) {
        if (parkedHostException == null) {
            parkedHostException = t;
        }
    }

    /** Keeps a runtime builtin's unexpected exception until the call returns; the first one wins. */
    void parkInternalError(Throwable t) {
        if (internalError == null) {
            internalError = t;
        }
    }

    /**
     * Throws the internal error a builtin parked during a call that returned normally (a growth
     * that failed with an exception returned -1 to the code, which ran on).
     *
     * @throws WasmInternalError if one was parked
     */
    void throwParkedInternalError() {
        if (internalError != null) {
            throw takeInternalError(internalError);
        }
    }

    private WasmInternalError takeInternalError(Throwable error) {
        internalError = null;
        parkedHostException = null;
        return error instanceof WasmInternalError internal ? internal : new WasmInternalError(error);
    }

    /**
     * {@return why the last call stopped}: a {@link WasmInternalError} if a builtin failed
     * unexpectedly, else the trap it ended in, found among {@code instances}' code
     *
     * @param interrupted whether function entries were interrupted, which makes a prologue's
     *                    failed stack check an {@link TrapCode#INTERRUPT}
     */
    RuntimeException decode(List<Instance> instances, boolean interrupted) {
        Throwable orphan = RuntimeBuiltins.takeUnattributedError();
        if (internalError != null || orphan != null) {
            return takeInternalError(internalError != null ? internalError : orphan);
        }
        if (parkedHostException instanceof WasmInternalError nested) { // a nested call's, passed through a host function
            return takeInternalError(nested);
        }
        long pc = runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.TRAP_PC);
        Throwable cause = parkedHostException;
        parkedHostException = null;
        for (Instance instance : instances) {
            Module module = instance.module();
            if (module.containsAddress(pc)) {
                TrapSite site = module.compiled().trapAt((int) (pc - module.codeAddress()));
                if (site != null) {
                    String name = site.functionIndex() < 0 ? null
                            : module.wasm().names().functionName(site.functionIndex()).orElse(null);
                    TrapCode code = site.code() == dev.windlass.winch.vm.TrapCode.STACK_OVERFLOW && interrupted
                            ? TrapCode.INTERRUPT : TrapCode.of(site.code());
                    if (code == TrapCode.HOST_EXCEPTION && cause instanceof HostInterrupt interrupt) {
                        code = interrupt.code(); // a host function stopped at a checkpoint: the store's limit
                        cause = null;
                    }
                    return new WasmTrap(code, site.functionIndex(), name, site.bytecodeOffset(),
                            code == TrapCode.HOST_EXCEPTION ? cause : null,
                            BacktraceReader.read(runtime, instances));
                }
            }
        }
        throw new IllegalStateException("trap at pc 0x" + Long.toHexString(pc) + " outside any module of the store");
    }
}
