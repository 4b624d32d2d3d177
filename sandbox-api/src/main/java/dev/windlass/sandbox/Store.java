package dev.windlass.sandbox;

import dev.windlass.memory.LinearMemory;
import dev.windlass.memory.MemoryImage;
import dev.windlass.winch.vm.RuntimeOffsets;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The state of one tenant: its instances, their contexts, the unwind state of calls into Wasm,
 * the host functions bound to it. Native memory it allocates is freed by {@link #close()}.
 *
 * <p><b>One thread at a time.</b> A store and everything made in it may be used by any thread,
 * but not by two at once: a call that enters the store while another thread is inside it
 * throws {@link IllegalStateException}. (Re-entry from a host function on the same thread is
 * fine.) Each outermost call claims the store with one atomic compare-and-set. A store made by
 * {@link #createConfined} belongs to the thread that made it, as a confined {@code Arena} does:
 * only that thread may call into it or close it, and its calls need no atomic operation.
 *
 * <p><b>Fuel</b> ({@link Config#consumeFuel()}): a store starts with none; {@link #setFuel}
 * gives it some. Every operator costs one unit but {@code nop}, {@code drop}, {@code block},
 * {@code loop}, {@code end}, {@code else}, {@code unreachable} and {@code return}. Fuel is
 * charged per straight-line run of operators, at the run's end (before each branch, label,
 * call and return), and execution traps with {@link TrapCode#OUT_OF_FUEL} at the first charge
 * that would take the fuel below zero, after the operators of that run have executed. So fuel
 * equal to a call's cost lets it finish, one unit less stops it, always at the same operator.
 * Work whose size a guest number sets costs in proportion to it, one unit per 64 bytes: the
 * bulk operations ({@code memory.fill/copy/init}; {@code table.fill/copy/init}, one unit per 8
 * elements) are charged their length before they start, and host functions charge theirs
 * through {@link HostCall#checkpoint} (WASI does, per 64 KiB step).
 *
 * <p><b>Epochs and timeouts</b> ({@link Config#epochInterruption()}): code traps with
 * {@link TrapCode#INTERRUPT} at a function entry or loop header once the engine's epoch has
 * reached the store's deadline ({@link #setEpochDeadline}; none by default). On top of it,
 * {@link #setTimeout} limits the wall-clock time of every outermost call. The two compose: the
 * store keeps them apart and interrupts at whichever comes first, and setting one never cancels
 * the other (a host function that sets an epoch deadline does not lift the call's timeout).
 */
public final class Store implements AutoCloseable {

    private static final int INITIAL_SLOTS = 16;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Engine engine;
    private final StoreClaim claim;
    private final StoreResources resources;
    private final StoreNativeState nativeState;
    private final Cleaner.Cleanable cleanable;
    private final MemorySegment runtime;
    private final ExecutionLimits limits;
    private final TrapDecoder traps;
    /**
     * Argument and result slots, one buffer per call depth ({@link StoreClaim#depth()}): a host
     * function that calls back into the store before it reads its own arguments must not find
     * them overwritten by the inner call's. Grown on demand, freed with the store.
     */
    private MemorySegment[] slotsByDepth = new MemorySegment[4];
    private final List<Instance> instances = new ArrayList<>();
    private final List<HostFunctions.Binding> hostFunctions = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    /** Every {@link ExternRef} made in the store; the handle of element {@code i} is {@code i + 1}. */
    private final List<ExternRef> externRefs = new ArrayList<>();
    /** Instances by the address of their function-reference records, to turn a funcref back into a {@link Func}. */
    private final TreeMap<Long, Instance> instancesByFunctionRefs = new TreeMap<>();

    private Store(Engine engine, StoreLimits limits, Thread confinedTo) {
        this.engine = engine;
        this.claim = new StoreClaim(confinedTo);
        this.resources = new StoreResources(limits);
        this.nativeState = new StoreNativeState(confinedTo != null);
        this.cleanable = CLEANER.register(this, nativeState);
        this.runtime = nativeState.blocks.allocate(RuntimeOffsets.SIZE);
        this.limits = new ExecutionLimits(engine, runtime);
        this.traps = new TrapDecoder(runtime);
        this.slotsByDepth[0] = nativeState.blocks.allocate(8L * INITIAL_SLOTS);
    }

    /** {@return a new store with the {@linkplain StoreLimits#defaults() default limits}} */
    public static Store create(Engine engine) {
        return create(engine, StoreLimits.defaults());
    }

    /** {@return a new store that may take no more than {@code limits}} */
    public static Store create(Engine engine, StoreLimits limits) {
        return new Store(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(limits, "limits"), null);
    }

    /** {@return a new store confined to the calling thread, with the default limits}; see the class comment */
    public static Store createConfined(Engine engine) {
        return createConfined(engine, StoreLimits.defaults());
    }

    /** {@return a new store confined to the calling thread that may take no more than {@code limits}} */
    public static Store createConfined(Engine engine, StoreLimits limits) {
        return new Store(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(limits, "limits"),
                Thread.currentThread());
    }

    /** {@return whether only the thread that made the store may use it} */
    public boolean isConfined() {
        return claim.isConfined();
    }

    /** {@return the limits this store was made with} */
    public StoreLimits limits() {
        return resources.limits();
    }

    public Engine engine() {
        return engine;
    }

    /**
     * {@return {@code bytes} zeroed bytes of native memory, aligned to 16}, freed when the store
     * is; a plain-address view (see {@link NativeBlocks}) that no host API may hand out
     */
    MemorySegment allocate(long bytes) {
        checkOpen();
        return nativeState.blocks.allocate(bytes);
    }

    /** {@return the arena host views of linear memory belong to}; see {@link StoreNativeState} */
    Arena hostViews() {
        checkOpen();
        return nativeState.hostViews();
    }

    MemorySegment runtime() {
        return runtime;
    }

    StoreResources resources() {
        return resources;
    }

    // ---- fuel, epochs, timeouts --------------------------------------------------------------

    /**
     * Sets the fuel left to {@code fuel} units (see the class comment for what costs what).
     * Call it between calls, or from a host function.
     *
     * @throws IllegalArgumentException if {@code fuel} is negative
     * @throws IllegalStateException    if the engine's config does not {@linkplain Config#consumeFuel() consume fuel}
     */
    public void setFuel(long fuel) {
        requireFuel();
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative: " + fuel);
        }
        boolean claimed = beginAccess();
        try {
            limits.setFuel(fuel);
        } finally {
            endAccess(claimed);
        }
    }

    /**
     * {@return the fuel left}: what {@link #setFuel} gave minus what code consumed since; 0 after
     * an OUT_OF_FUEL trap. Exact between calls and in host functions (every charge is made before
     * a call).
     *
     * @throws IllegalStateException if the engine's config does not {@linkplain Config#consumeFuel() consume fuel}
     */
    public long getFuel() {
        requireFuel();
        boolean claimed = beginAccess();
        try {
            return limits.fuel();
        } finally {
            endAccess(claimed);
        }
    }

    private void requireFuel() {
        if (!engine.config().consumeFuel()) {
            throw new IllegalStateException("fuel is not enabled: build the engine with Config.consumeFuel(true)");
        }
    }

    /**
     * Sets the deadline to {@code ticks} epochs beyond the engine's current one (Wasmtime's
     * {@code set_epoch_deadline}): code traps with INTERRUPT once {@link Engine#incrementEpoch()}
     * has been called {@code ticks} more times; 0 traps at the next check. A new store has no
     * deadline (unlike Wasmtime, whose default deadline traps at once). It is independent of
     * the {@linkplain #setTimeout timeout}: a call stops at whichever comes first, and setting
     * the deadline (from a host function too) never extends or cancels a running call's timeout.
     *
     * @throws IllegalArgumentException if {@code ticks} is negative
     * @throws IllegalStateException    if the config has no {@linkplain Config#epochInterruption() epoch interruption}
     */
    public void setEpochDeadline(long ticks) {
        requireEpochs();
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must not be negative: " + ticks);
        }
        boolean claimed = beginAccess();
        try {
            limits.setEpochDeadline(ticks);
            engine.watchEpochDeadline(this);
            limits.syncEpochInterrupt();
        } finally {
            endAccess(claimed);
        }
    }

    /**
     * Limits every outermost call into the store (a call from Java, not a host function's
     * re-entry) to {@code timeout} of wall-clock time: each such call starts a fresh budget, and
     * past it the code traps with INTERRUPT at its next function entry or loop header. Time spent
     * in host functions counts, but a host function itself is not interrupted. The engine's
     * timeout thread ({@link Engine#close()} stops it) does the waking; the engine's epoch and
     * the {@linkplain #setEpochDeadline epoch deadline} are unaffected, and the two compose: the
     * call stops at whichever comes first, and setting the epoch deadline never lifts the timeout.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws IllegalStateException    if the config has no {@linkplain Config#epochInterruption() epoch interruption}
     */
    public void setTimeout(Duration timeout) {
        requireEpochs();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        limits.setTimeout(timeout);
    }

    /** Removes the {@linkplain #setTimeout timeout}; calls then run as long as they need. */
    public void clearTimeout() {
        limits.clearTimeout();
    }

    private void requireEpochs() {
        if (!engine.config().epochInterruption()) {
            throw new IllegalStateException(
                    "epoch interruption is not enabled: build the engine with Config.epochInterruption(true)");
        }
    }

    void add(Instance instance) {
        resources.admitInstance();
        instances.add(instance);
        instancesByFunctionRefs.put(instance.functionRefsAddress(), instance);
        nativeState.addContext(instance.contextAddress());
    }

    /**
     * A new memory of {@code type} whose {base, length} pair is {@code definition}, closed with
     * the store, starting from {@code image} (mapped copy-on-write) if it is not null and the
     * kernel maps it ({@link Memory#hasImage} says whether)
     */
    Memory newMemory(dev.windlass.winch.wasm.MemoryType type, MemorySegment definition, MemoryImage image) {
        checkOpen();
        long initialBytes = type.limits().min() * LinearMemory.PAGE_SIZE;
        resources.admitMemory(initialBytes);
        LinearMemory reservation;
        try {
            reservation = Memory.reserve(type, reachablePages(), engine.config().memoryStrategy().compilerStrategy(),
                    engine.memoryPool(), image, engine.config().maxReservedBytes());
        } catch (RuntimeException e) {
            resources.memoryNotMade(initialBytes);
            throw e;
        }
        Memory memory = new Memory(this, type, reservation, definition);
        memories.add(memory);
        return memory;
    }

    /**
     * {@return the most pages a memory of this store can ever have}: the engine's limit per memory,
     * and this store's limits on one memory's bytes and on all of them together. An explicitly
     * checked memory reserves no more address space than that (a guard-page one reserves its
     * fixed 8 GiB whatever the limit, since its code checks nothing).
     */
    private long reachablePages() {
        StoreLimits store = resources.limits();
        long bytes = Math.min(store.memorySize(), store.totalMemorySize());
        return Math.max(0, Math.min(engine.config().maxMemoryPages(), bytes / LinearMemory.PAGE_SIZE));
    }

    // ---- references ---------------------------------------------------------------------------

    ExternRef newExternRef(Object value) {
        boolean claimed = beginAccess();
        try {
            ExternRef ref = new ExternRef(this, value, externRefs.size() + 1L);
            externRefs.add(ref);
            return ref;
        } finally {
            endAccess(claimed);
        }
    }

    /**
     * {@return the bits code sees for {@code ref} in a slot of reference type {@code type}}: 0
     * for null, a function reference record's address for a {@link Func}, a handle for an
     * {@link ExternRef}
     *
     * @throws IllegalArgumentException if {@code ref} belongs to another store or does not fit {@code type}
     */
    long refBits(Ref ref, ValType type) {
        if (ref == null) {
            return 0;
        }
        if (ref.store() != this) {
            throw new IllegalArgumentException("object used with the wrong store");
        }
        return switch (ref) {
            case Func func when type == ValType.FUNCREF -> {
                if (func.refAddress() == 0) {
                    throw new IllegalArgumentException("a host function of no instance has no funcref: link it first");
                }
                yield func.refAddress();
            }
            case ExternRef extern when type == ValType.EXTERNREF -> extern.handle();
            default -> throw new IllegalArgumentException("a " + type + " slot does not take a "
                    + (ref instanceof Func ? "funcref (Func)" : "externref (ExternRef)"));
        };
    }

    /**
     * {@return the reference whose bits code left in a slot of reference type {@code type}}, null for 0
     *
     * @throws IllegalStateException if the bits are no reference of this store (a runtime bug: code cannot forge one)
     */
    Ref ref(long bits, ValType type) {
        if (bits == 0) {
            return null;
        }
        if (type == ValType.EXTERNREF) {
            if (bits < 1 || bits > externRefs.size()) {
                throw new IllegalStateException("externref handle " + bits + " is not one of this store's");
            }
            return externRefs.get((int) (bits - 1));
        }
        var entry = instancesByFunctionRefs.floorEntry(bits);
        Func func = entry == null ? null : entry.getValue().functionAtRef(bits);
        if (func == null) {
            throw new IllegalStateException("funcref 0x" + Long.toHexString(bits) + " is not one of this store's");
        }
        return func;
    }

    /** {@return the id of {@code function} in this store}, which the host adapter passes to the dispatcher */
    long registerHostFunction(HostFunction function, dev.windlass.winch.wasm.FuncType type) {
        hostFunctions.add(new HostFunctions.Binding(function, type));
        return hostFunctions.size() - 1;
    }

    HostFunctions.Binding hostFunction(int id) {
        return hostFunctions.get(id);
    }

    // ---- entering and leaving Wasm ----------------------------------------------------------

    /**
     * Marks the calling thread as inside the store ({@link StoreClaim}); the outermost entry
     * sets the thread's stack limit and starts the call's timeout ({@link ExecutionLimits}).
     */
    void enter() {
        if (claim.enter()) {
            try {
                limits.beginOutermostCall(Thread.currentThread());
            } catch (RuntimeException | Error e) {
                claim.releaseCall();
                throw e;
            }
        }
    }

    /** See {@link ExecutionLimits#retakeStackBounds()}. */
    boolean retakeStackBounds() {
        return limits.retakeStackBounds();
    }

    /** Called by {@link Engine#incrementEpoch()} with the new epoch, from any thread. */
    void epochAdvanced(long epoch) {
        limits.epochAdvanced(epoch);
    }

    void exit() {
        if (claim.exit()) {
            try {
                limits.endOutermostCall();
            } finally {
                claim.releaseCall();
            }
        }
    }

    /**
     * Claims the store for a host operation that touches its native memory (instantiation,
     * globals, tables, memory reads and writes, fuel), as a call does: a thread already inside
     * the store (a host function, a confined store's thread) goes on, another thread takes the
     * claim or fails, so no such operation can overlap {@link #close()}, which frees that memory.
     *
     * @return whether this call took the claim, to pass to {@link #endAccess}
     * @throws IllegalStateException if the store is closed, in use by another thread, or confined to another
     */
    boolean beginAccess() {
        return claim.beginAccess();
    }

    /** Ends what {@link #beginAccess} began. */
    void endAccess(boolean claimed) {
        claim.endAccess(claimed);
    }

    /**
     * {@return a buffer of at least {@code count} 64-bit slots for the call being made at the
     * current depth}, reused by later calls at that depth: each nesting level (Java, Wasm, a
     * host function, Wasm again...) has its own, so an inner call never overwrites the arguments
     * or results of an outer one. It is a plain-address view of the store's native blocks: the
     * store's own claim (enter/close) is what keeps the memory alive. The store must be entered.
     */
    MemorySegment slots(int count) {
        int level = claim.depth() - 1;
        if (level >= slotsByDepth.length) {
            slotsByDepth = Arrays.copyOf(slotsByDepth, Math.max(level + 1, 2 * slotsByDepth.length));
        }
        MemorySegment slots = slotsByDepth[level];
        if (slots == null || slots.byteSize() < 8L * count) {
            // a smaller buffer stays allocated until the store closes, as every native block does
            long size = Math.max(Math.max(count, INITIAL_SLOTS), slots == null ? 0 : 2 * slots.byteSize() / 8);
            slots = nativeState.blocks.allocate(8L * size);
            slotsByDepth[level] = slots;
        }
        return slots;
    }

    /**
     * For {@link HostCall#checkpoint}: charges {@code fuel} (when the engine meters fuel: while a
     * host function runs, the fuel left is in the runtime block) and checks the deadline in force.
     *
     * @throws HostInterrupt OUT_OF_FUEL if the charge would leave less than zero (the counter is
     *                       left at -1, as a trapping charge in Wasm code leaves it below zero),
     *                       INTERRUPT if the epoch deadline or the timeout has passed
     */
    void checkHostWork(long fuel) {
        limits.checkHostWork(fuel);
    }

    /** Keeps what a host function threw until the trap reaches the Java caller. */
    void parkHostException(Throwable t) {
        traps.parkHostException(t);
    }

    /** Keeps a runtime builtin's unexpected exception until the call returns ({@link WasmInternalError}). */
    void parkInternalError(Throwable t) {
        traps.parkInternalError(t);
    }

    /**
     * {@return why the last call stopped}: the trap, from the trap pc and the backtrace the trap
     * handler left in the runtime block, or a {@link WasmInternalError} if a builtin failed
     */
    RuntimeException trap() {
        return traps.decode(instances, limits.interrupted());
    }

    /** After a call that returned normally: throws the {@link WasmInternalError} a builtin parked, if any. */
    void checkNoInternalError() {
        traps.throwParkedInternalError();
    }

    void checkOpen() {
        claim.checkOpen();
    }

    /**
     * Frees the store's native memory (contexts, globals, tables, host function bindings) and
     * gives its linear memories back to the engine's pool. Afterwards its instances, functions,
     * globals, tables and memories, and every view of a memory, throw
     * {@link IllegalStateException} instead of touching freed memory.
     *
     * @throws IllegalStateException if a thread is running code of the store
     */
    @Override
    public void close() {
        if (claim.isClosed()) {
            return;
        }
        claim.claimForClose();
        try {
            engine.forgetEpochDeadline(this); // no poke may reach the runtime block once it is freed
            claim.markClosed();
            nativeState.closeHostViews(); // every view fails before its memory goes to another tenant
            for (Memory memory : memories) {
                memory.close();
            }
            cleanable.clean(); // contexts unregistered, native blocks freed
            hostFunctions.clear();
        } finally {
            claim.closeClaimed();
        }
    }
}
