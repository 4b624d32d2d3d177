package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.x64.X64SignalHandler;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.isa.x64.X64Assembler;

/**
 * The machine code of the SIGSEGV/SIGBUS handler that turns faults of guard-page memory accesses
 * into traps (see {@code codegen.x64.X64SignalHandler} for what it does and the code-range
 * table it reads). The bytes hold absolute addresses: they are made for one process, at the
 * moment the runtime installs them, and run anywhere (no pc-relative references).
 */
public final class SignalHandlerCode {

    private SignalHandlerCode() {
    }

    /**
     * {@return a handler that chains every fault outside the table's ranges to
     * {@code previousHandler}} with its three arguments untouched
     *
     * @param table           address of the code-range table
     * @param previousHandler the {@code sa_sigaction} or {@code sa_handler} installed before (a function)
     */
    public static byte[] chaining(long table, long previousHandler) {
        X64Assembler asm = X64Assembler.create(Target.baseline());
        X64SignalHandler.emitChaining(asm, table, previousHandler);
        return asm.buffer().finish().code();
    }

    /**
     * {@return a handler for a signal that had SIG_DFL or SIG_IGN}: a fault outside the table's
     * ranges restores the default action with {@code sigaction(sig, defaultAction, NULL)} and
     * returns, so that the fault repeats and the default action ends the process
     */
    public static byte[] resettingToDefault(long table, long sigaction, long defaultAction) {
        X64Assembler asm = X64Assembler.create(Target.baseline());
        X64SignalHandler.emitResettingToDefault(asm, table, sigaction, defaultAction);
        return asm.buffer().finish().code();
    }
}
