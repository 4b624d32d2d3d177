package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * The arguments and results of one call of a {@link HostFunction}: 64-bit slots, argument
 * {@code i} in slot {@code i} and result {@code k} in slot {@code k} (results are written after
 * the arguments are read). Valid only during the call: the slots are the store's memory, which
 * is reused by the next call and freed when the store closes, so a kept {@code HostCall} throws
 * {@link IllegalStateException} once its call has returned, and {@link WrongThreadException} on
 * any thread but the call's. Each call has slots of its own, so a host function may call back
 * into its store (any depth) before it reads its arguments.
 *
 * <p>Numbers are read and written as raw bits ({@link #i32}, {@link #i64}, {@link #f32},
 * {@link #f64} and their setters; an i32 or f32 result keeps only its low 32 bits), references as
 * {@link Ref}s ({@link #ref}, {@link #setRef}): a number accessor on a reference slot, or the
 * other way round, throws {@link IllegalArgumentException}, so no number becomes a reference.
 *
 * <p>{@link #caller()} is the instance whose code made the call, as Wasmtime's {@code Caller}:
 * host functions such as WASI's read and write the caller's memory through it.
 */
public final class HostCall {

    private final MemorySegment slots;
    private final FuncType type;
    private final int params;
    private final int results;
    private final long callerContext;
    /** The store whose call this is. */
    private final Store store;
    /** The thread the call runs on, the only one that may use it: the slots die with the call. */
    private final Thread thread = Thread.currentThread();
    private boolean finished;
    /** The views {@link #callerMemoryBytes()} made, closed when the call returns; null before the first. */
    private Arena views;

    HostCall(Store store, MemorySegment slots, FuncType type, long callerContext) {
        this.store = store;
        this.slots = slots;
        this.type = type;
        this.params = type.params().size();
        this.results = type.results().size();
        this.callerContext = callerContext;
    }

    /** {@return the instance whose code called, or empty when Java called the function directly} */
    public Optional<Instance> caller() {
        checkLive();
        return callerContext == 0 ? Optional.empty() : Optional.ofNullable(RuntimeBuiltins.instanceAt(callerContext));
    }

    /**
     * {@return the memory the caller exports as {@code "memory"}}, the convention of WASI and of
     * most toolchains
     *
     * @throws IllegalStateException if there is no calling instance or it exports no such memory
     */
    public Memory callerMemory() {
        return caller().flatMap(instance -> instance.memory("memory"))
                .orElseThrow(() -> new IllegalStateException("the caller exports no memory named \"memory\""));
    }

    /** {@return the function's type}: what its arguments and results are */
    public FuncType type() {
        return type;
    }

    /**
     * {@return argument {@code index}'s low 32 bits}
     *
     * @throws IndexOutOfBoundsException if there is no such argument
     * @throws IllegalArgumentException  if it is a reference ({@link #ref})
     */
    public int i32(int index) {
        return (int) slots.getAtIndex(ValueLayout.JAVA_LONG, checkNumberParam(index));
    }

    /**
     * {@return argument {@code index}'s 64 bits}
     *
     * @throws IndexOutOfBoundsException if there is no such argument
     * @throws IllegalArgumentException  if it is a reference ({@link #ref})
     */
    public long i64(int index) {
        return slots.getAtIndex(ValueLayout.JAVA_LONG, checkNumberParam(index));
    }

    /** {@return argument {@code index} as an f32}; see {@link #i32} */
    public float f32(int index) {
        return Float.intBitsToFloat(i32(index));
    }

    /** {@return argument {@code index} as an f64}; see {@link #i64} */
    public double f64(int index) {
        return Double.longBitsToDouble(i64(index));
    }

    /**
     * {@return argument {@code index}, a reference}: a {@link Func}, an {@link ExternRef}, or null
     *
     * @throws IndexOutOfBoundsException if there is no such argument
     * @throws IllegalArgumentException  if it is a number
     */
    public Ref ref(int index) {
        long slot = checkParam(index);
        ValType param = type.params().get(index);
        if (!param.isReference()) {
            throw new IllegalArgumentException("argument " + index + " is a " + param + ", not a reference");
        }
        return store.ref(slots.getAtIndex(ValueLayout.JAVA_LONG, slot), param);
    }

    /**
     * Sets result {@code index} to {@code value}'s bits.
     *
     * @throws IndexOutOfBoundsException if there is no such result
     * @throws IllegalArgumentException  if it is a reference ({@link #setRef})
     */
    public void setI32(int index, int value) {
        slots.setAtIndex(ValueLayout.JAVA_LONG, checkNumberResult(index), value & 0xFFFF_FFFFL);
    }

    /**
     * Sets result {@code index} to {@code value}'s bits (only the low 32 if it is an i32 or f32).
     *
     * @throws IndexOutOfBoundsException if there is no such result
     * @throws IllegalArgumentException  if it is a reference ({@link #setRef})
     */
    public void setI64(int index, long value) {
        long slot = checkNumberResult(index);
        ValType result = type.results().get(index);
        boolean narrow = result == ValType.I32 || result == ValType.F32;
        slots.setAtIndex(ValueLayout.JAVA_LONG, slot, narrow ? value & 0xFFFF_FFFFL : value);
    }

    /** Sets result {@code index} to an f32; see {@link #setI32} */
    public void setF32(int index, float value) {
        setI32(index, Float.floatToRawIntBits(value));
    }

    /** Sets result {@code index} to an f64; see {@link #setI64} */
    public void setF64(int index, double value) {
        setI64(index, Double.doubleToRawLongBits(value));
    }

    /**
     * Sets result {@code index}, a reference, to {@code ref} (null: the null reference).
     *
     * @throws IndexOutOfBoundsException if there is no such result
     * @throws IllegalArgumentException  if it is a number, or {@code ref} is not of its type or
     *                                   belongs to another store ({@code "object used with the wrong store"})
     */
    public void setRef(int index, Ref ref) {
        long slot = checkResult(index);
        ValType result = type.results().get(index);
        if (!result.isReference()) {
            throw new IllegalArgumentException("result " + index + " is a " + result + ", not a reference");
        }
        slots.setAtIndex(ValueLayout.JAVA_LONG, slot, store.refBits(ref, result));
    }

    private long checkNumberParam(int index) {
        long slot = checkParam(index);
        ValType param = type.params().get(index);
        if (param.isReference()) {
            throw new IllegalArgumentException("argument " + index + " is a " + param + ": read it with ref()");
        }
        return slot;
    }

    private long checkNumberResult(int index) {
        long slot = checkResult(index);
        ValType result = type.results().get(index);
        if (result.isReference()) {
            throw new IllegalArgumentException("result " + index + " is a " + result + ": set it with setRef()");
        }
        return slot;
    }

    /**
     * {@return the bytes of the caller's {@code "memory"}, as a view that lives only as long as
     * this call} (and only on its thread): once the call returns, using it throws instead of
     * reaching memory that may belong to another tenant by then. For hosts that touch memory in
     * every call, such as WASI: unlike {@link Memory#segment()}, it leaves the store nothing to
     * close (a shared store's views cost a handshake with every thread when it closes).
     *
     * @throws IllegalStateException if the call has returned, there is no calling instance, or
     *                               it exports no memory named {@code "memory"}
     */
    public MemorySegment callerMemoryBytes() {
        checkLive();
        Memory memory = callerMemory();
        if (views == null) {
            views = Arena.ofConfined();
        }
        return memory.viewIn(views);
    }

    /**
     * Charges {@code fuel} units for work the host function does for the guest and checks the
     * store's deadlines (its {@linkplain Store#setTimeout timeout} and
     * {@linkplain Store#setEpochDeadline epoch deadline}). A host function whose work grows with
     * a guest-supplied number (bytes to copy, entries to read, time to sleep) calls it between
     * bounded chunks, so that no such number lets a call outlast its time or fuel: when the fuel
     * would go below zero or a deadline has passed, it throws, and the exception, leaving the host
     * function, makes the call trap with OUT_OF_FUEL or INTERRUPT, exactly as Wasm code would. A
     * host function may catch it to clean up, and must rethrow it. Without fuel or epochs in the
     * engine's config, the corresponding check passes.
     *
     * @param fuel units to charge, {@code >= 0}; 0 only checks
     * @throws IllegalArgumentException if {@code fuel} is negative
     * @throws RuntimeException         (a private type) when the call must stop
     */
    public void checkpoint(long fuel) {
        checkLive();
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative: " + fuel);
        }
        store.checkHostWork(fuel);
    }

    /** Ends the call: the slots, and the views of memory it gave, are no longer this call's. */
    void finish() {
        finished = true;
        if (views != null) {
            views.close();
            views = null;
        }
    }

    private long checkParam(int index) {
        checkLive();
        if (index < 0 || index >= params) {
            throw new IndexOutOfBoundsException("argument " + index + " of " + params);
        }
        return index;
    }

    private void checkLive() {
        if (Thread.currentThread() != thread) {
            throw new WrongThreadException("a host call is used only on the thread it runs on");
        }
        if (finished) {
            throw new IllegalStateException("the host call has returned; its arguments and results are gone");
        }
    }

    private long checkResult(int index) {
        checkLive();
        if (index < 0 || index >= results) {
            throw new IndexOutOfBoundsException("result " + index + " of " + results);
        }
        return index;
    }
}
