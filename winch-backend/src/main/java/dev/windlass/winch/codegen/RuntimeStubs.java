package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.AssembledCode;

/**
 * The machine code the runtime needs besides a module's functions: per module, the trap handler
 * (a trap's way back to the entry), the host adapter (Wasm calling a host function) and the entry
 * trampolines (the runtime calling Wasm); per process, the guard-page signal handler. Each ISA
 * has its own ({@link Isa#stubs()}); the frames and conventions are in their javadoc.
 */
public interface RuntimeStubs {

    /** {@return the trap handler, entered by a call from a trap site; the linker places it at offset 0} */
    AssembledCode trapHandler();

    /** {@return the adapter through which Wasm code calls a host function} */
    AssembledCode hostAdapter();

    /** {@return the entry trampoline for functions of {@code params} params and {@code results} results} */
    AssembledCode entryTrampoline(int params, int results);

    /**
     * {@return a guard-page signal handler that chains every fault outside the code-range table's
     * ranges to {@code previousHandler}} The bytes hold absolute addresses and run anywhere.
     *
     * @param table           address of the code-range table ({@code vm.CodeRangeTableLayout})
     * @param previousHandler the {@code sa_sigaction} or {@code sa_handler} installed before
     */
    byte[] chainingSignalHandler(long table, long previousHandler);

    /**
     * {@return a guard-page signal handler for a signal that had SIG_DFL or SIG_IGN}: a fault
     * outside the table's ranges restores the default action and returns
     *
     * @param sigaction     address of libc's {@code sigaction}
     * @param defaultAction address of a {@code struct sigaction} with {@code sa_handler = SIG_DFL}
     */
    byte[] resettingSignalHandler(long table, long sigaction, long defaultAction);
}
