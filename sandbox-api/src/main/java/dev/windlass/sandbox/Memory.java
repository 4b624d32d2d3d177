package dev.windlass.sandbox;

import dev.windlass.memory.LinearMemory;
import dev.windlass.memory.MemoryPool;
import dev.windlass.memory.MemoryReservationException;
import dev.windlass.nativemem.NativeMemoryException;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.wasm.MemoryType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Wasm linear memory, as the host sees it: made by the host ({@link #create}) to be imported,
 * or exported by an instance. Generated code reads its {base, length} pair (its definition) in
 * native memory; growing updates the pair, so every instance that imports the memory sees it.
 * Views from {@link #segment()} are bounded by the length when taken: take a new one after
 * growth. Like everything in a store, used by one thread at a time.
 */
public final class Memory {

    private final Store store;
    private final MemoryType type;
    private final LinearMemory memory;
    private final MemorySegment definition;

    Memory(Store store, MemoryType type, LinearMemory memory, MemorySegment definition) {
        this.store = store;
        this.type = type;
        this.memory = memory;
        this.definition = definition;
        definition.set(ValueLayout.JAVA_LONG, 0, memory.base());
        publishLength();
    }

    /**
     * {@return a new memory of {@code type}, owned by {@code store}}
     *
     * @throws ResourceLimitException if the type's minimum exceeds what the engine or the store allows
     */
    public static Memory create(Store store, MemoryType type) {
        Objects.requireNonNull(type, "type");
        return store.newMemory(type, store.arena().allocate(16, 16));
    }

    private void publishLength() {
        definition.set(ValueLayout.JAVA_LONG, 8, memory.byteLength());
    }

    public MemoryType type() {
        return type;
    }

    Store store() {
        return store;
    }

    /** {@return the address of the {base, length} pair importers point at} */
    long definitionAddress() {
        return definition.address();
    }

    /** {@return the size in pages} */
    public long pages() {
        return memory.pages();
    }

    /** {@return the size in bytes} */
    public long byteSize() {
        return memory.byteLength();
    }

    /** Grows by {@code delta} pages; {@return the previous size in pages, or -1 if it cannot} */
    public long grow(long delta) {
        long current = memory.byteLength();
        if (delta < 0 || delta > memory.maxPages() - memory.pages()) {
            return -1;
        }
        long desired = current + delta * LinearMemory.PAGE_SIZE;
        StoreResources resources = store.resources();
        if (!resources.memoryGrowing(current, desired)) {
            return -1;
        }
        long old = memory.grow(delta);
        if (old < 0) {
            resources.memoryGrowFailed(current, desired);
            return -1;
        }
        publishLength();
        return old;
    }

    /**
     * {@return a view of the memory's current bytes}, valid while the store is open: closing the
     * store closes the view too (its memory may be zeroed and given to another instance), so a
     * view kept too long fails with {@link IllegalStateException} instead of reaching another
     * tenant's bytes
     *
     * @throws IllegalStateException if the store is closed
     */
    public MemorySegment segment() {
        return MemorySegment.ofAddress(memory.base()).reinterpret(memory.byteLength(), store.arena(), null);
    }

    /** Copies {@code length} bytes from {@code offset}. */
    public byte[] read(long offset, int length) {
        return segment().asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Copies {@code bytes} to {@code offset}. */
    public void write(long offset, byte[] bytes) {
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, segment(), offset, bytes.length);
    }

    /** {@return the UTF-8 string of {@code length} bytes at {@code offset}} */
    public String readString(long offset, int length) {
        return new String(read(offset, length), StandardCharsets.UTF_8);
    }

    /** Gives the memory back: to the engine's pool for the next instance, or unmapped. */
    void close() {
        store.engine().memoryPool().release(memory);
    }

    /** {@return whether generated code may access this memory unchecked}: it sits in a guard-page reservation */
    boolean guarded() {
        return memory.reservedBytes() >= MemoryStrategy.GUARD_RESERVATION_BYTES;
    }

    /**
     * Reserves a memory of {@code type}: as large as it may grow, or, for a 32-bit memory with
     * {@link MemoryStrategy#GUARD_PAGES}, the whole index + offset range (then the signal
     * handler is installed first, once per process).
     *
     * @throws ResourceLimitException if the address space runs out
     */
    static LinearMemory reserve(MemoryType type, long pageLimit, MemoryStrategy strategy, MemoryPool pool) {
        long max = type.limits().hasMax() ? type.limits().max() : (type.is64() ? pageLimit : LinearMemory.MAX_PAGES_32);
        max = Math.min(max, pageLimit);
        if (type.limits().min() > max) {
            throw new ResourceLimitException("a memory of " + type.limits().min() + " pages exceeds the limit of "
                    + max + " pages");
        }
        try {
            if (strategy.unchecked(type.is64())) {
                GuardPageSignals.ensureInstalled();
                return LinearMemory.createGuarded(type.limits().min(), max, MemoryStrategy.GUARD_RESERVATION_BYTES);
            }
            return pool.acquire(type.limits().min(), max);
        } catch (NativeMemoryException | MemoryReservationException e) {
            throw new ResourceLimitException("cannot reserve the address space of a memory of up to " + max
                    + " pages", e);
        }
    }
}
