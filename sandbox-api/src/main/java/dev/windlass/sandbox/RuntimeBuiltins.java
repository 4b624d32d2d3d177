package dev.windlass.sandbox;

import dev.windlass.winch.vm.Builtins;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builtin function table every VMContext points at (see {@code dev.windlass.winch.vm.Builtins}):
 * upcall stubs into Java for what generated code does not do inline. Each finds its instance by
 * the context address it is given, and never lets a throwable escape (the JVM would exit).
 *
 * <p>A failure Wasm defines is a status: out of bounds (the code traps) or -1 from a growth. Any
 * other throwable is a bug of the runtime, never reported as a Wasm failure: it is parked in the
 * calling instance's store ({@link Store#parkInternalError}), the builtin returns its failure
 * status so the code stops or goes on as it would, and the call throws {@link WasmInternalError}
 * when it returns. (With no live instance for the context, the registry itself is broken; a
 * trapping builtin's error is kept for the trap it causes, {@link #takeUnattributedError}.)
 */
final class RuntimeBuiltins {

    /**
     * Live instances by context address, held weakly: a store that is dropped without being
     * closed must stay collectable (its Cleaner removes the entries). While code of an instance
     * runs, the caller's {@link Func} holds its store, which holds the instance.
     */
    private static final ConcurrentHashMap<Long, WeakReference<Instance>> INSTANCES = new ConcurrentHashMap<>();

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
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.MEMORY_COPY, stub(lookup, "memoryCopy", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.MEMORY_FILL, stub(lookup, "memoryFill", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.MEMORY_INIT, stub(lookup, "memoryInit", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.DATA_DROP, stub(lookup, "dataDrop", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.TABLE_GROW, stub(lookup, "tableGrow", ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.TABLE_FILL, stub(lookup, "tableFill", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.TABLE_COPY, stub(lookup, "tableCopy", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.TABLE_INIT, stub(lookup, "tableInit", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            TABLE.setAtIndex(ValueLayout.JAVA_LONG, Builtins.ELEM_DROP, stub(lookup, "elemDrop", ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RuntimeBuiltins() {
    }

    /** {@return the address of an upcall stub for static method {@code name} of this class} */
    private static long stub(MethodHandles.Lookup lookup, String name, ValueLayout result, ValueLayout... params)
            throws ReflectiveOperationException {
        FunctionDescriptor descriptor = FunctionDescriptor.of(result, params);
        var handle = lookup.findStatic(RuntimeBuiltins.class, name, descriptor.toMethodType());
        return Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global()).address();
    }

    /** {@return the live instance whose context is at {@code context}, or null} */
    static Instance instanceAt(long context) {
        WeakReference<Instance> instance = INSTANCES.get(context);
        return instance == null ? null : instance.get();
    }

    /** Status of a builtin whose operands are out of bounds: the code traps. */
    private static final int OUT_OF_BOUNDS = 1;

    /** An internal error no instance could be found for; read only on the trap path. */
    private static final ThreadLocal<Throwable> UNATTRIBUTED = new ThreadLocal<>();

    /**
     * Parks {@code error}, thrown inside a trapping builtin called from the code of the instance
     * at {@code context}, and {@return {@link #OUT_OF_BOUNDS}}, which makes the code trap
     */
    private static int internalError(long context, Throwable error) {
        park(context, error, true);
        return OUT_OF_BOUNDS;
    }

    /**
     * Parks {@code error}, thrown inside a builtin whose failure the code does not trap on
     * (growth, drops): the call throws it when it returns. With no instance to find the store
     * by, it is lost rather than kept for an unrelated later trap of this thread.
     */
    private static long internalErrorAfterReturn(long context, Throwable error, long result) {
        park(context, error, false);
        return result;
    }

    private static void park(long context, Throwable error, boolean trapFollows) {
        try {
            Instance instance = instanceAt(context);
            if (instance != null) {
                instance.store().parkInternalError(error);
            } else if (trapFollows && UNATTRIBUTED.get() == null) {
                UNATTRIBUTED.set(error);
            }
        } catch (Throwable ignored) {
            // nothing may escape an upcall; the status still stops or fails the operation
        }
    }

    /** {@return and forgets the internal error of this thread no instance could be found for}, or null */
    static Throwable takeUnattributedError() {
        Throwable error = UNATTRIBUTED.get();
        if (error != null) {
            UNATTRIBUTED.remove();
        }
        return error;
    }

    private static boolean outOfBounds(long offset, long length, long size) {
        return Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(length, size - offset) > 0;
    }

    @SuppressWarnings("unused") // an upcall target
    private static int memoryCopy(long context, int dstMemory, int srcMemory, long dst, long src, long length) {
        try {
            Instance instance = instanceAt(context);
            Memory to = instance.memory(dstMemory);
            Memory from = instance.memory(srcMemory);
            if (outOfBounds(dst, length, to.byteSize()) || outOfBounds(src, length, from.byteSize())) {
                return OUT_OF_BOUNDS;
            }
            MemorySegment.copy(from.bytes(), src, to.bytes(), dst, length); // memmove: overlap is fine
            return 0;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int memoryFill(long context, int memory, long dst, int value, long length) {
        try {
            Memory target = instanceAt(context).memory(memory);
            if (outOfBounds(dst, length, target.byteSize())) {
                return OUT_OF_BOUNDS;
            }
            target.bytes().asSlice(dst, length).fill((byte) value);
            return 0;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int memoryInit(long context, int memory, int segment, long dst, int src, int length) {
        try {
            return instanceAt(context).initMemory(memory, segment, dst, src & 0xFFFF_FFFFL, length & 0xFFFF_FFFFL)
                    ? 0 : OUT_OF_BOUNDS;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static long tableGrow(long context, int table, long initRef, long delta) {
        try {
            return instanceAt(context).table(table).growUnclaimed(delta, initRef);
        } catch (Throwable t) {
            return internalErrorAfterReturn(context, t, -1);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int tableFill(long context, int table, long index, long ref, long length) {
        try {
            return instanceAt(context).table(table).fillChecked(index, ref, length) ? 0 : OUT_OF_BOUNDS;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int tableCopy(long context, int dstTable, int srcTable, long dst, long src, long length) {
        try {
            Instance instance = instanceAt(context);
            Table to = instance.table(dstTable);
            Table from = instance.table(srcTable);
            if (outOfBounds(dst, length, to.size()) || outOfBounds(src, length, from.size())) {
                return OUT_OF_BOUNDS;
            }
            MemorySegment.copy(from.entries(), 8 * src, to.entries(), 8 * dst, 8 * length); // memmove
            return 0;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int tableInit(long context, int table, int segment, long dst, int src, int length) {
        try {
            return instanceAt(context).initTable(table, segment, dst, src & 0xFFFF_FFFFL, length & 0xFFFF_FFFFL)
                    ? 0 : OUT_OF_BOUNDS;
        } catch (Throwable t) {
            return internalError(context, t);
        }
    }

    @SuppressWarnings("unused") // an upcall target
    private static int elemDrop(long context, int segment) {
        try {
            instanceAt(context).dropElements(segment);
        } catch (Throwable t) {
            internalErrorAfterReturn(context, t, 0); // elem.drop cannot fail in Wasm: the call throws when it returns
        }
        return 0;
    }

    @SuppressWarnings("unused") // an upcall target
    private static int dataDrop(long context, int segment) {
        try {
            instanceAt(context).dropData(segment);
        } catch (Throwable t) {
            internalErrorAfterReturn(context, t, 0); // data.drop cannot fail in Wasm: the call throws when it returns
        }
        return 0;
    }

    static void register(long context, Instance instance) {
        INSTANCES.put(context, new WeakReference<>(instance));
    }

    static void unregister(long context) {
        INSTANCES.remove(context);
    }

    /** {@return how many instances are registered}, for tests that check nothing is kept */
    static int registeredInstances() {
        return INSTANCES.size();
    }

    @SuppressWarnings("unused") // the upcall target
    private static long memoryGrow(long context, int memoryIndex, long delta) {
        try {
            return instanceAt(context).memory(memoryIndex).growUnclaimed(delta);
        } catch (Throwable t) {
            return internalErrorAfterReturn(context, t, -1); // the code sees a failed grow; the call then throws
        }
    }
}
