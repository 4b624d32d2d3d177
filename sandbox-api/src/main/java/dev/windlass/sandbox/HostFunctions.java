package dev.windlass.sandbox;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one upcall through which machine code calls Java: {@code int dispatch(long id, long
 * slots, long callerContext)}. The id names a host function bound to a store; the slots hold its
 * arguments and receive its results; the caller's context names the calling instance. Nothing thrown may escape into native frames (the JVM would exit), so
 * every throwable is caught here and parked in the store, and the status tells the code to trap.
 */
final class HostFunctions {

    /** Status: the function returned. */
    static final int OK = 0;
    /** Status: the function threw; the exception is parked in its store. */
    static final int THREW = 1;

    /** A host function bound to a store: what it is and its type (its argument and result slots). */
    record Binding(HostFunction function, dev.windlass.winch.wasm.FuncType type) {
    }

    /** The address of the upcall stub, shared by every store; it lives as long as the JVM. */
    static final MemorySegment UPCALL_STUB;

    static {
        try {
            var target = MethodHandles.lookup().findStatic(HostFunctions.class, "dispatch",
                    MethodType.methodType(int.class, long.class, long.class, long.class));
            UPCALL_STUB = Linker.nativeLinker().upcallStub(target,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG),
                    java.lang.foreign.Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HostFunctions() {
    }

    @SuppressWarnings("unused") // the upcall target
    private static int dispatch(long id, long slotsAddress, long callerContext) {
        Store store = null;
        try {
            // The binding lives in the caller's store (host functions are per store, and only code
            // of their store calls them), so nothing static keeps a store or its functions alive.
            store = RuntimeBuiltins.instanceAt(callerContext).store();
            Binding binding = store.hostFunction((int) id);
            int slots = Math.max(binding.type().params().size(), binding.type().results().size());
            MemorySegment memory = MemorySegment.ofAddress(slotsAddress).reinterpret(8L * slots);
            HostCall call = new HostCall(store, memory, binding.type(), callerContext);
            try {
                binding.function().call(call);
            } finally {
                call.finish();
            }
            return OK;
        } catch (Throwable t) {
            if (store != null) {
                store.parkHostException(t);
            }
            return THREW;
        }
    }
}
