package dev.windlass.sandbox;

import dev.windlass.nativemem.NativeEntry;
import dev.windlass.winch.vm.EntryStatus;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A function of an instance, callable from Java. Arguments and results are raw 64-bit values
 * (i32 in the low 32 bits). Calls run on the calling thread; see {@link Store} for the
 * one-thread-at-a-time rule. For deep recursion, call from a platform thread with a large stack
 * and raise {@link Config#maxWasmStack()}.
 */
public final class Func {

    /** What {@link #call} returns for functions without results: an empty array is immutable. */
    private static final long[] NO_RESULTS = new long[0];
    private static final long[] NO_ARGUMENTS = new long[0];

    private final Store store;
    private final FuncType type;
    private final MemorySegment trampoline;
    private final MemorySegment code;
    private final MemorySegment context;
    private final HostFunction host;
    private final int params;
    private final int slots;

    private Func(Store store, FuncType type, MemorySegment trampoline, MemorySegment code, MemorySegment context,
                 HostFunction host) {
        this.store = store;
        this.type = type;
        this.trampoline = trampoline;
        this.code = code;
        this.context = context;
        this.host = host;
        this.params = type.params().size();
        this.slots = Math.max(params, type.results().size());
    }

    static Func wasm(Store store, FuncType type, long trampoline, long code, MemorySegment context) {
        return new Func(store, type, MemorySegment.ofAddress(trampoline), MemorySegment.ofAddress(code),
                context, null);
    }

    static Func host(Store store, FuncType type, HostFunction function) {
        return new Func(store, type, null, null, null, function);
    }

    public FuncType type() {
        return type;
    }

    Store store() {
        return store;
    }

    boolean isHost() {
        return host != null;
    }

    HostFunction hostFunction() {
        return host;
    }

    /** {@return the address of the code (internal convention)}; for imports by another instance */
    long codeAddress() {
        return code.address();
    }

    long contextAddress() {
        return context.address();
    }

    /** Calls a function without parameters (no argument array); see {@link #call(long...)}. */
    public long[] call() {
        return call(NO_ARGUMENTS);
    }

    /**
     * Calls the function.
     *
     * @param args one raw value per parameter
     * @return one raw value per result: an i32 sign-extended to 64 bits, an f32's bits in the
     *         low 32 bits (the upper ones zero), an i64 or f64 as it is
     * @throws WasmTrap                 if the code traps (or a host function it calls throws)
     * @throws WasmInternalError        if the runtime failed inside the call (a bug, not a trap)
     * @throws IllegalArgumentException if the number of arguments is wrong
     * @throws IllegalStateException    if another thread is using the store
     */
    public long[] call(long... args) {
        checkArgumentCount(args);
        int count = type.results().size();
        store.enter();
        try {
            MemorySegment slots = run(args);
            if (count == 0) {
                return NO_RESULTS;
            }
            long[] results = new long[count];
            for (int k = 0; k < results.length; k++) { // read while the store is still ours
                results[k] = normalized(type.results().get(k), slots.getAtIndex(ValueLayout.JAVA_LONG, k));
            }
            return results;
        } finally {
            store.exit();
        }
    }

    /** Calls a function whose first result is an i32, and {@return it} */
    public int callI32(long... args) {
        return (int) callForFirstResult(args);
    }

    /** Calls a function whose first result is an i64, and {@return it} */
    public long callI64(long... args) {
        return callForFirstResult(args);
    }

    /** {@return a raw result with only the bits its type defines}: code leaves the rest undefined */
    private static long normalized(ValType type, long raw) {
        return switch (type) {
            case I32 -> (int) raw;
            case F32 -> raw & 0xFFFF_FFFFL;
            default -> raw;
        };
    }

    private long callForFirstResult(long[] args) {
        checkArgumentCount(args);
        store.enter();
        try {
            return run(args).get(ValueLayout.JAVA_LONG, 0); // read while the store is still ours
        } finally {
            store.exit();
        }
    }

    private void checkArgumentCount(long[] args) {
        if (args.length != params) {
            throw wrongArgumentCount(args.length);
        }
    }

    /** Runs the call in the store's argument slots, which hold the results after it; the store must be entered. */
    private MemorySegment run(long[] args) {
        MemorySegment buffer = store.slots(slots);
        for (int i = 0; i < params; i++) {
            buffer.setAtIndex(ValueLayout.JAVA_LONG, i, args[i]);
        }
        if (host != null) {
            callHost(buffer);
        } else {
            enterWasm(buffer);
        }
        return buffer;
    }

    /**
     * Calls the entry trampoline. If it finds itself on another stack than the one the store took
     * the limit for (a virtual thread moved to another carrier in between), nothing ran: the
     * bounds are taken again here and the call made again; bounds that did not change mean this
     * stack has no room left for Wasm, a stack overflow.
     */
    private void enterWasm(MemorySegment buffer) {
        int status;
        while ((status = NativeEntry.call(trampoline, context.address(), code.address(), buffer.address()))
                == EntryStatus.WRONG_STACK) {
            if (!store.retakeStackBounds()) {
                throw new WasmTrap(TrapCode.STACK_OVERFLOW, -1, null, 0, null);
            }
        }
        if (status != EntryStatus.OK) {
            throw store.trap();
        }
        store.checkNoInternalError();
    }

    private IllegalArgumentException wrongArgumentCount(int given) {
        return new IllegalArgumentException("function takes " + params + " arguments, got " + given);
    }

    private void callHost(MemorySegment slots) {
        try {
            HostCall call = new HostCall(store, slots, type.params().size(), type.results().size(), 0);
            try {
                host.call(call);
            } finally {
                call.finish();
            }
        } catch (HostInterrupt e) { // called from Java: no Wasm frame to trap in, the same trap all the same
            throw new WasmTrap(e.code(), -1, null, 0, null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("host function threw", e);
        }
    }
}
