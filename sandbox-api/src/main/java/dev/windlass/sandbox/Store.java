package dev.windlass.sandbox;

import dev.windlass.winch.compile.TrapSite;
import dev.windlass.winch.vm.RuntimeOffsets;
import dev.windlass.winch.vm.TrapCode;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state of one tenant: its instances, their contexts, the unwind state of calls into Wasm,
 * the host functions bound to it. Native memory it allocates is freed by {@link #close()}.
 *
 * <p><b>One thread at a time.</b> A store and everything made in it may be used by any thread,
 * but not by two at once: a call that enters the store while another thread is inside it
 * throws {@link IllegalStateException}. (Re-entry from a host function on the same thread is
 * fine.)
 */
public final class Store implements AutoCloseable {

    private static final int INITIAL_SLOTS = 16;
    /** No thread has id 0 ({@link Thread#threadId()} is positive). */
    private static final long NO_THREAD = 0;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Store.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Engine engine;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment runtime;
    private MemorySegment slots;
    private final List<Instance> instances = new ArrayList<>();
    private final List<Long> hostFunctionIds = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private volatile Thread owner;
    private int depth;
    /** The thread whose stack limit the runtime block holds, or {@link #NO_THREAD}. */
    private long stackLimitThreadId = NO_THREAD;
    private Throwable parkedHostException;
    private volatile boolean closed;

    private Store(Engine engine) {
        this.engine = engine;
        this.runtime = arena.allocate(RuntimeOffsets.SIZE, 16);
        this.slots = unscoped(arena.allocate(8L * INITIAL_SLOTS, 16));
    }

    public static Store create(Engine engine) {
        return new Store(Objects.requireNonNull(engine, "engine"));
    }

    public Engine engine() {
        return engine;
    }

    Arena arena() {
        checkOpen();
        return arena;
    }

    MemorySegment runtime() {
        return runtime;
    }

    void add(Instance instance) {
        instances.add(instance);
    }

    /** A new memory of {@code type} whose {base, length} pair is {@code definition}, closed with the store. */
    Memory newMemory(dev.windlass.winch.wasm.MemoryType type, MemorySegment definition) {
        checkOpen();
        Memory memory = new Memory(this, type, Memory.reserve(type, engine.config().maxMemoryPages(),
                engine.config().memoryStrategy()), definition);
        memories.add(memory);
        return memory;
    }

    long registerHostFunction(HostFunction function, int params, int results) {
        long id = HostFunctions.register(this, function, params, results);
        hostFunctionIds.add(id);
        return id;
    }

    // ---- entering and leaving Wasm ----------------------------------------------------------

    /** Marks the calling thread as inside the store; sets the stack limit on the outermost entry. */
    void enter() {
        Thread current = Thread.currentThread();
        if (owner == current) { // re-entry from a host function on the same thread
            depth++;
            return;
        }
        // One atomic claim per outermost entry: two threads racing to enter cannot both win.
        if (!OWNER.compareAndSet(this, null, current)) {
            Thread user = owner;
            throw new IllegalStateException(closed ? "store is closed" : "store is in use by thread "
                    + (user == null ? "(unknown)" : user.getName()) + "; a store is used by one thread at a time");
        }
        if (closed) { // checked once the claim is held: close() claims the store too
            OWNER.setRelease(this, null);
            throw new IllegalStateException("store is closed");
        }
        setStackLimit(current);
        depth = 1;
    }

    /**
     * Writes the stack limit for {@code current} into the runtime block, unless it is there
     * already: a platform thread's stack never moves, so the limit written for it stays right
     * until another thread enters (thread ids are never reused). A virtual thread may run on
     * another carrier at every call, so its limit is never cached.
     */
    private void setStackLimit(Thread current) {
        long threadId = current.threadId();
        if (threadId == stackLimitThreadId) {
            return;
        }
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.STACK_LIMIT,
                StackLimit.forCurrentThread(engine.config().maxWasmStack()));
        stackLimitThreadId = current.isVirtual() ? NO_THREAD : threadId;
    }

    void exit() {
        if (--depth == 0) {
            // Release: what this thread did to the store happens-before the next owner's claim.
            OWNER.setRelease(this, null);
        }
    }

    /**
     * {@return a buffer of at least {@code count} 64-bit slots, reused across calls}. It is a
     * plain-address view of the store's memory: a downcall given a segment of a shared arena
     * locks the arena around the call (about 12 ns); the store's own claim (enter/close) is what
     * keeps the memory alive instead.
     */
    MemorySegment slots(int count) {
        if (slots.byteSize() < 8L * count) {
            slots = unscoped(arena.allocate(8L * Math.max(count, 2 * slots.byteSize() / 8), 16));
        }
        return slots;
    }

    /** {@return a view of {@code segment} that downcalls take without locking the arena}; see {@link #slots} */
    static MemorySegment unscoped(MemorySegment segment) {
        return MemorySegment.ofAddress(segment.address()).reinterpret(segment.byteSize());
    }

    /** Keeps what a host function threw until the trap reaches the Java caller. */
    void parkHostException(Throwable t) {
        if (parkedHostException == null) {
            parkedHostException = t;
        }
    }

    /** {@return the trap the last call ended in}, from the trap pc in the runtime block */
    WasmTrap trap() {
        long pc = runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.TRAP_PC);
        Throwable cause = parkedHostException;
        parkedHostException = null;
        for (Instance instance : instances) {
            Module module = instance.module();
            if (module.containsAddress(pc)) {
                TrapSite site = module.compiled().trapAt((int) (pc - module.codeAddress()));
                if (site != null) {
                    String name = site.functionIndex() < 0 ? null
                            : module.wasm().names().functionName(site.functionIndex()).orElse(null);
                    return new WasmTrap(site.code(), site.functionIndex(), name, site.bytecodeOffset(),
                            site.code() == TrapCode.HOST_EXCEPTION ? cause : null);
                }
            }
        }
        throw new IllegalStateException("trap at pc 0x" + Long.toHexString(pc) + " outside any module of the store");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    /**
     * Frees the store's native memory: contexts, globals, host function bindings. Its instances
     * and functions must not be used afterwards.
     *
     * @throws IllegalStateException if a thread is running code of the store
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Claim the store as a call would: no thread can be inside while it is freed, and no
        // thread can enter afterwards (enter() checks closed again once it holds the claim).
        if (!OWNER.compareAndSet(this, null, Thread.currentThread())) {
            throw new IllegalStateException("store is in use");
        }
        try {
            closed = true;
            for (long id : hostFunctionIds) {
                HostFunctions.unregister(id);
            }
            for (Instance instance : instances) {
                RuntimeBuiltins.unregister(instance.contextAddress());
            }
            for (Memory memory : memories) {
                memory.close();
            }
            arena.close();
        } finally {
            OWNER.setRelease(this, null);
        }
    }
}
