package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.RuntimeStubs;
import dev.windlass.winch.isa.x64.Target;

/**
 * The machine code of the SIGSEGV/SIGBUS handler that turns faults of guard-page memory accesses
 * into traps (see {@code codegen.x64.X64SignalHandler} for what it does, and
 * {@link dev.windlass.winch.vm.CodeRangeTableLayout} for the table it reads). The bytes hold
 * absolute addresses: they are made for one process, at the moment the runtime installs them,
 * and run anywhere (no pc-relative references).
 */
public final class SignalHandlerCode {

    private SignalHandlerCode() {
    }

    /** The handler uses no optional CPU feature, whatever the code it guards was compiled for. */
    private static RuntimeStubs stubs() {
        return Isas.of(Target.baseline(), CodeOptions.DEFAULT).stubs();
    }

    /**
     * {@return a handler that chains every fault outside the table's ranges to
     * {@code previousHandler}} with its three arguments untouched
     *
     * @param table           address of the code-range table
     * @param previousHandler the {@code sa_sigaction} or {@code sa_handler} installed before (a function)
     */
    public static byte[] chaining(long table, long previousHandler) {
        return stubs().chainingSignalHandler(table, previousHandler);
    }

    /**
     * {@return a handler for a signal that had SIG_DFL or SIG_IGN}: a fault outside the table's
     * ranges restores the default action with {@code sigaction(sig, defaultAction, NULL)} and
     * returns, so that the fault repeats and the default action ends the process
     */
    public static byte[] resettingToDefault(long table, long sigaction, long defaultAction) {
        return stubs().resettingSignalHandler(table, sigaction, defaultAction);
    }
}
