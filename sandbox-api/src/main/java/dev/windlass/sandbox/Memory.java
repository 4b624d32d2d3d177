package dev.windlass.sandbox;

import dev.windlass.memory.LinearMemory;
import dev.windlass.memory.MemoryImage;
import dev.windlass.memory.MemoryPool;
import dev.windlass.memory.MemoryReservationException;
import dev.windlass.nativemem.NativeMemoryException;
import dev.windlass.nativemem.VirtualMemory;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.wasm.MemoryType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
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
    /** The host-view arena that already keeps this memory's reservation alive, if any. */
    private Arena viewsArena;

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
     * @throws IllegalStateException  if the store is closed or in use by another thread
     */
    public static Memory create(Store store, MemoryType type) {
        Objects.requireNonNull(type, "type");
        boolean claimed = store.beginAccess();
        try {
            return store.newMemory(type, store.allocate(16), null);
        } finally {
            store.endAccess(claimed);
        }
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

    /** {@return whether the memory started from {@code image}} rather than zeros */
    boolean hasImage(MemoryImage image) {
        return image != null && memory.image() == image;
    }

    /**
     * {@return the size in pages}
     *
     * @throws IllegalStateException if the store is closed (the memory may be another tenant's by then)
     */
    public long pages() {
        store.checkOpen();
        return memory.pages();
    }

    /** {@return the address space the memory's reservation takes} (for tests and accounting) */
    long reservedBytes() {
        return memory.reservedBytes();
    }

    /**
     * {@return the size in bytes}
     *
     * @throws IllegalStateException if the store is closed
     */
    public long byteSize() {
        store.checkOpen();
        return memory.byteLength();
    }

    /**
     * Grows by {@code delta} pages; {@return the previous size in pages, or -1 if it cannot}
     *
     * @throws IllegalStateException if the store is closed or in use by another thread
     */
    public long grow(long delta) {
        boolean claimed = store.beginAccess();
        try {
            return growUnclaimed(delta);
        } finally {
            store.endAccess(claimed);
        }
    }

    /** {@link #grow} for the runtime, which holds the store's claim already. */
    long growUnclaimed(long delta) {
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
     * store closes the view too (its memory may be reset and given to another instance), so a
     * view kept too long fails with {@link IllegalStateException} instead of reaching another
     * tenant's bytes. The views of a store belong to one arena, made at the first call: a shared
     * store's is shared, and closing it costs a handshake with every thread (tens of
     * microseconds), which {@link #read} and {@link #write} avoid.
     *
     * @throws IllegalStateException if the store is closed or in use by another thread
     */
    public MemorySegment segment() {
        boolean claimed = store.beginAccess();
        try {
            Arena views = store.hostViews();
            if (viewsArena != views) {
                // The arena holds the reservation until it is closed, so a view can never outlive
                // the mapping, even when the store is reclaimed by its Cleaner in any order.
                LinearMemory reservation = memory;
                MemorySegment.NULL.reinterpret(0, views, ignored -> Reference.reachabilityFence(reservation));
                viewsArena = views;
            }
            return MemorySegment.ofAddress(memory.base()).reinterpret(memory.byteLength(), views, null);
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * {@return a view of the memory's current bytes in {@code arena}}, for a host call running
     * in this store, which holds the store's claim until the arena is closed: the memory cannot
     * be closed or handed to another store while the view lives
     */
    MemorySegment viewIn(Arena arena) {
        return MemorySegment.ofAddress(memory.base()).reinterpret(memory.byteLength(), arena, null);
    }

    /** {@return the memory's current bytes, for the runtime}, which holds the store's claim and hands it to no host */
    MemorySegment bytes() {
        return memory.segment();
    }

    /**
     * Copies {@code length} bytes from {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is outside the memory
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public byte[] read(long offset, int length) {
        boolean claimed = store.beginAccess();
        try {
            return bytes().asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Copies {@code bytes} to {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is outside the memory
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public void write(long offset, byte[] bytes) {
        boolean claimed = store.beginAccess();
        try {
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, bytes(), offset, bytes.length);
        } finally {
            store.endAccess(claimed);
        }
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
     * handler is installed first, once per process), starting from {@code image} (null: zeros)
     * if the kernel maps it.
     *
     * @throws ResourceLimitException if the address space runs out
     */
    static LinearMemory reserve(MemoryType type, long pageLimit, MemoryStrategy strategy, MemoryPool pool,
                                MemoryImage image, long maxReservedBytes) {
        long max = type.limits().hasMax() ? type.limits().max() : (type.is64() ? pageLimit : LinearMemory.MAX_PAGES_32);
        max = Math.min(max, pageLimit);
        if (type.limits().min() > max) {
            throw new ResourceLimitException(ResourceLimitException.Limit.CONFIG_MEMORY_PAGES, "a memory of "
                    + type.limits().min() + " pages exceeds the engine's limit of " + max + " pages per memory");
        }
        long reserving = strategy.unchecked(type.is64()) ? MemoryStrategy.GUARD_RESERVATION_BYTES
                : Math.max(1, max) * LinearMemory.PAGE_SIZE;
        long reserved = VirtualMemory.reservedBytes();
        if (reserving > maxReservedBytes - reserved) {
            throw new ResourceLimitException(ResourceLimitException.Limit.RESERVED_ADDRESS_SPACE, "a memory reserving "
                    + reserving + " bytes of address space would take the process past its limit of "
                    + maxReservedBytes + " (" + reserved + " reserved)");
        }
        try {
            LinearMemory memory;
            if (strategy.unchecked(type.is64())) {
                GuardPageSignals.ensureInstalled();
                memory = LinearMemory.createGuarded(type.limits().min(), max, MemoryStrategy.GUARD_RESERVATION_BYTES);
            } else {
                memory = pool.acquire(type.limits().min(), max, image);
            }
            if (image != null) {
                try {
                    memory.mapImage(image); // if the kernel refuses, the memory is zeros and the data is copied
                } catch (RuntimeException e) {
                    memory.close();
                    throw e;
                }
            }
            return memory;
        } catch (NativeMemoryException | MemoryReservationException e) {
            throw new ResourceLimitException(ResourceLimitException.Limit.ADDRESS_SPACE,
                    "cannot reserve the address space of a memory of up to " + max + " pages", e);
        }
    }
}
