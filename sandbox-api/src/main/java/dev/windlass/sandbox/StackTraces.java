package dev.windlass.sandbox;

import java.util.Arrays;
import java.util.Set;

/**
 * Puts Wasm frames into Java stack traces, where the calls really were:
 * <pre>
 *   WasmTrap                               host exception (the trap's cause)
 *     at wasm.plugin.inner(plugin.wasm:0x4a)  at MyHost.log(MyHost.java:12)
 *     at wasm.plugin.outer(plugin.wasm:0x5c)  at ...HostFunctions.dispatch(...)
 *     at ...Func.enterWasm(Func.java:135)     at wasm.plugin.inner(plugin.wasm:0x4a)   <- spliced
 *     at MyApp.run(MyApp.java:30)             at wasm.plugin.outer(plugin.wasm:0x5c)   <-
 *                                             at ...Func.enterWasm(Func.java:135)
 *                                             at MyApp.run(MyApp.java:30)
 * </pre>
 * A trap's own Java frames start at the downcall ({@code Func.enterWasm}): the runtime's frames
 * that built the trap are dropped. A host exception's frames are split after the upcall's
 * dispatcher, the one place where Java was called from Wasm.
 */
final class StackTraces {

    /** The classes whose frames build a trap: the store's façade and its decoder. */
    private static final Set<String> TRAP_BUILDERS = Set.of(Store.class.getName(),
            TrapDecoder.class.getName());
    private static final String DISPATCHER = HostFunctions.class.getName();
    private static final String DISPATCH = "dispatch";

    private StackTraces() {
    }

    /** {@return {@code wasm} above {@code java}, without the runtime's frames that built the trap} */
    static StackTraceElement[] trapTrace(StackTraceElement[] wasm, StackTraceElement[] java) {
        int first = 0;
        while (first < java.length && TRAP_BUILDERS.contains(java[first].getClassName())) {
            first++;
        }
        StackTraceElement[] trace = Arrays.copyOf(wasm, wasm.length + java.length - first);
        System.arraycopy(java, first, trace, wasm.length, java.length - first);
        return trace;
    }

    /**
     * Inserts {@code wasm} into the stack trace of {@code thrown}, a host function's exception,
     * after the dispatcher's frame. Leaves the trace alone if it has no such frame (the exception
     * was made elsewhere and rethrown) or already has these frames there (thrown again).
     */
    static void spliceIntoHostException(Throwable thrown, StackTraceElement[] wasm) {
        if (wasm.length == 0) {
            return;
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        StackTraceElement[] spliced = splicedIntoHostTrace(trace, wasm);
        if (spliced != trace) {
            thrown.setStackTrace(spliced);
        }
    }

    /**
     * {@return {@code trace} with {@code wasm} after the dispatcher's frame}, or {@code trace}
     * itself if it has no such frame or already has these frames there
     */
    static StackTraceElement[] splicedIntoHostTrace(StackTraceElement[] trace, StackTraceElement[] wasm) {
        if (wasm.length == 0) {
            return trace;
        }
        int dispatch = 0;
        while (dispatch < trace.length && !isDispatch(trace[dispatch])) {
            dispatch++;
        }
        if (dispatch == trace.length || dispatch + 1 < trace.length && trace[dispatch + 1].equals(wasm[0])) {
            return trace;
        }
        StackTraceElement[] spliced = new StackTraceElement[trace.length + wasm.length];
        System.arraycopy(trace, 0, spliced, 0, dispatch + 1);
        System.arraycopy(wasm, 0, spliced, dispatch + 1, wasm.length);
        System.arraycopy(trace, dispatch + 1, spliced, dispatch + 1 + wasm.length, trace.length - dispatch - 1);
        return spliced;
    }

    private static boolean isDispatch(StackTraceElement element) {
        return element.getClassName().equals(DISPATCHER) && element.getMethodName().equals(DISPATCH);
    }
}
