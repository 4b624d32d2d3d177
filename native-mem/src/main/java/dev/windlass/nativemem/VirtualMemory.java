package dev.windlass.nativemem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A range of address space mapped privately and anonymously, owned by this object until
 * {@link #close()} unmaps it.
 *
 * <p>{@link #reserve} maps it inaccessible and without swap reservation ({@code MAP_NORESERVE}),
 * so reserving gigabytes costs only address space; {@link #protect} then opens the pages that
 * are used. This is the building block of code segments (guard pages around code) and of linear
 * memories (a reservation grown by changing protections).
 *
 * <p>Segments handed out by {@link #segment} belong to a shared arena that closing closes first:
 * the JDK waits for accesses in flight to finish, and any later access throws
 * {@link IllegalStateException} instead of touching unmapped memory.
 *
 * <p>Closing is idempotent and thread-safe. A {@link Cleaner} unmaps a mapping whose owner was
 * lost without closing it; that is a safety net against leaks, not the way to release memory.
 */
public final class VirtualMemory implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    /** Bytes of address space every live mapping of this class reserves together. */
    private static final AtomicLong RESERVED = new AtomicLong();
    private static final long PAGE_SIZE = LibC.pageSize();

    private final long address;
    private final long size;
    private final Unmapper unmapper;
    private final Cleaner.Cleanable cleanable;

    private VirtualMemory(long address, long size) {
        this.address = address;
        this.size = size;
        this.unmapper = new Unmapper(address, size, Arena.ofShared());
        this.cleanable = CLEANER.register(this, unmapper);
    }

    /** {@return the size of a page, in bytes} */
    public static long pageSize() {
        return PAGE_SIZE;
    }

    /** {@return {@code bytes} rounded up to a whole number of pages} */
    public static long roundUpToPages(long bytes) {
        if (bytes < 0 || bytes > Long.MAX_VALUE - PAGE_SIZE) {
            throw new IllegalArgumentException("size out of range: " + bytes);
        }
        return (bytes + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    /**
     * Reserves address space with no access.
     *
     * @param bytes the size; rounded up to whole pages; must be positive
     * @throws NativeMemoryException if the kernel refuses (ENOMEM when address space runs out)
     */
    public static VirtualMemory reserve(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + bytes);
        }
        long size = roundUpToPages(bytes);
        MemorySegment base = LibC.mmap(MemorySegment.NULL, size, LibC.PROT_NONE,
                LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE);
        RESERVED.addAndGet(size);
        return new VirtualMemory(base.address(), size);
    }

    /**
     * {@return the address space all live reservations of the process hold together}, in bytes:
     * what a runtime compares with its limit before reserving more (a 47-bit address space is
     * 128 TiB for everything the process maps, the JVM's heap and thread stacks included)
     */
    public static long reservedBytes() {
        return RESERVED.get();
    }

    /** {@return the first address of the mapping} */
    public long address() {
        return address;
    }

    /** {@return the size of the mapping in bytes (whole pages)} */
    public long size() {
        return size;
    }

    /** {@return whether {@link #close()} has run} */
    public boolean isClosed() {
        return unmapper.closed();
    }

    /**
     * {@return a segment over {@code [offset, offset + length)} of the mapping} Accessing pages
     * that are not readable (or writable, for writes) crashes the process, so callers only
     * access ranges they have opened with {@link #protect}.
     */
    public MemorySegment segment(long offset, long length) {
        checkRange(offset, length);
        return MemorySegment.ofAddress(address + offset).reinterpret(length, unmapper.arena, null);
    }

    /**
     * Changes the protection of whole pages.
     *
     * @param offset page-aligned offset into the mapping
     * @param length a multiple of the page size
     */
    public void protect(long offset, long length, Protection protection) {
        checkPages(offset, length);
        LibC.mprotect(address + offset, length, protection.bits);
    }

    /**
     * Gives the pages back to the kernel: their contents read as zero the next time they are
     * touched ({@code MADV_DONTNEED} on a private anonymous mapping). Protections stay as they are.
     */
    public void discard(long offset, long length) {
        checkPages(offset, length);
        LibC.madvise(address + offset, length, LibC.MADV_DONTNEED);
    }

    /**
     * Maps the first {@code length} bytes of {@code file} copy-on-write over
     * {@code [offset, offset + length)}, readable and writable: reads see the file, a write
     * gives the page its own copy, and {@link #discard} drops the copies. If the kernel refuses,
     * the range is put back as {@linkplain #replaceWithZeroPages zero pages} (never left a hole
     * another mapping could fill) and the failure is thrown.
     *
     * @param offset page-aligned offset into the mapping
     * @param length a multiple of the page size, at most the file's size
     */
    public void mapCopyOnWrite(long offset, long length, MemoryFile file) {
        checkPages(offset, length);
        try {
            file.mapPrivateFixed(address + offset, length);
        } catch (RuntimeException e) {
            replaceWithZeroPages(offset, length);
            throw e;
        }
    }

    /**
     * Replaces {@code [offset, offset + length)} with fresh anonymous zero pages, readable and
     * writable (undoing a {@link #mapCopyOnWrite}).
     */
    public void replaceWithZeroPages(long offset, long length) {
        checkPages(offset, length);
        MemorySegment mapped = LibC.mmap(MemorySegment.ofAddress(address + offset), length,
                LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_FIXED
                        | LibC.MAP_NORESERVE);
        if (mapped.address() != address + offset) {
            throw new IllegalStateException("mmap(MAP_FIXED) moved the mapping");
        }
    }

    private void checkRange(long offset, long length) {
        if (isClosed()) {
            throw new IllegalStateException("mapping is closed");
        }
        Objects.checkFromIndexSize(offset, length, size);
    }

    private void checkPages(long offset, long length) {
        checkRange(offset, length);
        if ((offset | length) % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " must be multiples of the page size " + PAGE_SIZE);
        }
    }

    /** Unmaps the range. Idempotent; safe to call from any thread. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** The cleaning action; must not refer to the VirtualMemory, or it would never be collected. */
    private static final class Unmapper implements Runnable {
        private final AtomicLong address;
        private final long size;
        final Arena arena;

        Unmapper(long address, long size, Arena arena) {
            this.address = new AtomicLong(address);
            this.size = size;
            this.arena = arena;
        }

        boolean closed() {
            return address.get() == 0;
        }

        @Override
        public void run() {
            long a = address.getAndSet(0);
            if (a != 0) {
                arena.close(); // waits for accesses in flight, invalidates every segment
                LibC.munmap(a, size);
                RESERVED.addAndGet(-size);
            }
        }
    }
}
