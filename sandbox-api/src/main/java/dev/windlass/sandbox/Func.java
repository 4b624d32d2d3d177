package dev.windlass.sandbox;

import dev.windlass.nativemem.NativeEntry;
import dev.windlass.winch.vm.EntryStatus;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A function of an instance, callable from Java, and the {@code funcref} value that refers to it
 * (a {@link Ref}: tables, globals and reference-typed parameters and results hold {@code Func}s,
 * checked to belong to their store). Calls run on the calling thread; see {@link Store} for the
 * one-thread-at-a-time rule. For deep recursion, call from a platform thread with a large stack
 * and raise {@link Config#maxWasmStack()}.
 *
 * <p><b>Two ways to call.</b> Functions whose parameters and results are all numbers take and
 * return raw 64-bit values through {@link #call(long...)}, {@link #callI32} and {@link #callI64}
 * (i32 and f32 in the low 32 bits; no boxing, the fast path). A reference is never a number in
 * this API, so those methods reject functions with {@code funcref} or {@code externref}
 * parameters or results ({@link IllegalArgumentException}); {@link #callValues} takes and returns
 * typed Java values for any signature, references included.
 */
public final class Func implements Ref {

    /** What {@link #call} returns for functions without results: an empty array is immutable. */
    private static final long[] NO_RESULTS = new long[0];
    private static final long[] NO_ARGUMENTS = new long[0];

    private final Store store;
    private final FuncType type;
    private final MemorySegment trampoline;
    private final MemorySegment code;
    private final MemorySegment context;
    private final HostFunction host;
    /** The address of the function's reference record: what code sees as this funcref. */
    private final long refAddress;
    private final int params;
    private final int slots;
    /** Whether every parameter and result is a number, so {@link #call(long...)} may take it. */
    private final boolean numeric;
    /** Per parameter: whether it is an i32 or f32, whose upper 32 bits are cleared on the way in. */
    private final boolean[] narrowParams;

    private Func(Store store, FuncType type, MemorySegment trampoline, MemorySegment code, MemorySegment context,
                 HostFunction host, long refAddress) {
        this.store = store;
        this.type = type;
        this.trampoline = trampoline;
        this.code = code;
        this.context = context;
        this.host = host;
        this.refAddress = refAddress;
        this.params = type.params().size();
        this.slots = Math.max(params, type.results().size());
        this.numeric = type.params().stream().allMatch(ValType::isNumber)
                && type.results().stream().allMatch(ValType::isNumber);
        this.narrowParams = new boolean[params];
        for (int i = 0; i < params; i++) {
            narrowParams[i] = type.params().get(i) == ValType.I32 || type.params().get(i) == ValType.F32;
        }
    }

    static Func wasm(Store store, FuncType type, long trampoline, long code, MemorySegment context, long refAddress) {
        return new Func(store, type, MemorySegment.ofAddress(trampoline), MemorySegment.ofAddress(code),
                context, null, refAddress);
    }

    static Func host(Store store, FuncType type, HostFunction function, long refAddress) {
        return new Func(store, type, null, null, null, function, refAddress);
    }

    /** {@return a host function outside any instance}: callable from Java, but no funcref until linked */
    static Func host(Store store, FuncType type, HostFunction function) {
        return host(store, type, function, 0);
    }

    public FuncType type() {
        return type;
    }

    /** {@return the store the function belongs to}, the only one whose tables, globals and calls take it */
    @Override
    public Store store() {
        return store;
    }

    /** {@return the address of the function's reference record}, the funcref code sees */
    long refAddress() {
        return refAddress;
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
     * Calls a function whose parameters and results are all numbers.
     *
     * @param args one raw value per parameter: an i32's or f32's bits in the low 32 bits (the
     *             upper ones are ignored), an i64 or f64 as it is
     * @return one raw value per result: an i32 sign-extended to 64 bits, an f32's bits in the
     *         low 32 bits (the upper ones zero), an i64 or f64 as it is
     * @throws WasmTrap                 if the code traps (or a host function it calls throws)
     * @throws WasmInternalError        if the runtime failed inside the call (a bug, not a trap)
     * @throws IllegalArgumentException if the number of arguments is wrong, or the function has a
     *                                  reference parameter or result (use {@link #callValues})
     * @throws IllegalStateException    if another thread is using the store
     */
    public long[] call(long... args) {
        checkNumericCall(args);
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

    /**
     * Calls a function of numbers whose first result is an i32, and {@return it}; see
     * {@link #call(long...)}, and an {@link IllegalArgumentException} if it has no result
     */
    public int callI32(long... args) {
        return (int) callForFirstResult(args);
    }

    /**
     * Calls a function of numbers whose first result is an i64, and {@return it}; see
     * {@link #call(long...)}, and an {@link IllegalArgumentException} if it has no result
     */
    public long callI64(long... args) {
        return callForFirstResult(args);
    }

    /**
     * Calls the function with typed values, as Wasmtime's {@code Func::call} with {@code Val}s:
     * any signature, references included.
     *
     * <table>
     *   <caption>Java values of Wasm types, in both directions</caption>
     *   <tr><th>Wasm</th><th>Java</th></tr>
     *   <tr><td>i32</td><td>{@link Integer}</td></tr>
     *   <tr><td>i64</td><td>{@link Long}</td></tr>
     *   <tr><td>f32</td><td>{@link Float} (NaN bits are kept)</td></tr>
     *   <tr><td>f64</td><td>{@link Double}</td></tr>
     *   <tr><td>funcref</td><td>{@link Func} of this store, or {@code null}</td></tr>
     *   <tr><td>externref</td><td>{@link ExternRef} of this store, or {@code null}</td></tr>
     * </table>
     *
     * @param args one value per parameter, of the class the table gives for its type
     * @return one value per result, of the class the table gives for its type
     * @throws WasmTrap                 if the code traps (or a host function it calls throws)
     * @throws WasmInternalError        if the runtime failed inside the call (a bug, not a trap)
     * @throws IllegalArgumentException if the number of arguments is wrong, an argument is not of
     *                                  its parameter's class, or a reference belongs to another
     *                                  store ({@code "object used with the wrong store"})
     * @throws IllegalStateException    if another thread is using the store
     */
    public Object[] callValues(Object... args) {
        if (args.length != params) {
            throw wrongArgumentCount(args.length);
        }
        long[] raw = new long[params];
        for (int i = 0; i < params; i++) {
            raw[i] = Values.toBits(store, type.params().get(i), args[i], "argument " + i);
        }
        int count = type.results().size();
        store.enter();
        try {
            MemorySegment slots = run(raw);
            Object[] results = new Object[count];
            for (int k = 0; k < count; k++) { // read while the store is still ours
                results[k] = Values.fromBits(store, type.results().get(k), slots.getAtIndex(ValueLayout.JAVA_LONG, k));
            }
            return results;
        } finally {
            store.exit();
        }
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
        checkNumericCall(args);
        if (type.results().isEmpty()) {
            throw new IllegalArgumentException("function " + type + " has no result");
        }
        store.enter();
        try {
            return run(args).get(ValueLayout.JAVA_LONG, 0); // read while the store is still ours
        } finally {
            store.exit();
        }
    }

    private void checkNumericCall(long[] args) {
        if (!numeric) {
            throw new IllegalArgumentException("function " + type
                    + " has reference parameters or results, which are not numbers: call it with callValues");
        }
        if (args.length != params) {
            throw wrongArgumentCount(args.length);
        }
    }

    /** Runs the call in the store's argument slots, which hold the results after it; the store must be entered. */
    private MemorySegment run(long[] args) {
        MemorySegment buffer = store.slots(slots);
        for (int i = 0; i < params; i++) {
            buffer.setAtIndex(ValueLayout.JAVA_LONG, i, narrowParams[i] ? args[i] & 0xFFFF_FFFFL : args[i]);
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
            HostCall call = new HostCall(store, slots, type, 0);
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
