package dev.windlass.sandbox;

import dev.windlass.winch.vm.Builtins;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builtin function table every VMContext points at (see {@code dev.windlass.winch.vm.Builtins}):
 * upcall stubs into Java for what generated code does not do inline. Each finds its instance by
 * the context address it is given, and never lets a throwable escape (the JVM would exit).
 */
final class RuntimeBuiltins {

    private static final ConcurrentHashMap<Long, Instance> INSTANCES = new ConcurrentHashMap<>();

    /** The table: one function pointer per builtin; it lives as long as the JVM. */
    static final MemorySegment TABLE;

    static {
        try {
            var lookup = MethodHandles.lookup();
            MemorySegment grow = Linker.nativeLinker().upcallStub(
                    lookup.findStatic(RuntimeBuiltins.class, "memoryGrow",
                            MethodType.methodType(long.class, long.class, int.class, long.class)),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG),
                    Arena.global());
            TABLE = Arena.global().allocate(8L * Builtins.COUNT, 16);
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.MEMORY_GROW, grow.address());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RuntimeBuiltins() {
    }

    static void register(long context, Instance instance) {
        INSTANCES.put(context, instance);
    }

    static void unregister(long context) {
        INSTANCES.remove(context);
    }

    @SuppressWarnings("unused") // the upcall target
    private static long memoryGrow(long context, int memoryIndex, long delta) {
        try {
            return INSTANCES.get(context).memory(memoryIndex).grow(delta);
        } catch (Throwable t) {
            return -1; // a failed grow is what Wasm can handle; nothing may escape the upcall
        }
    }
}
