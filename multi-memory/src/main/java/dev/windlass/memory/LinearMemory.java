package dev.windlass.memory;

import dev.windlass.nativemem.NativeMemoryException;
import dev.windlass.nativemem.PageMap;
import dev.windlass.nativemem.Protection;
import dev.windlass.nativemem.VirtualMemory;
import java.lang.foreign.MemorySegment;

/**
 * One Wasm linear memory: a reservation of address space as large as the memory may ever grow
 * (its maximum, capped by the {@code pageLimit} the owner allows), of which the first
 * {@link #byteLength()} bytes are readable and writable and the rest inaccessible. Growing is an
 * {@code mprotect}: the base never moves, so generated code may keep it, and every access it
 * makes is checked against the current length (explicit bounds checks). A guard-page memory
 * ({@link #createGuarded}) reserves more than it may ever grow to, so that unchecked accesses
 * past the length fault on inaccessible pages instead.
 *
 * <p>Not thread-safe: its store serializes access. {@link #close()} unmaps it; a
 * {@code Cleaner} does so if the owner forgets.
 */
public final class LinearMemory implements AutoCloseable {

    /** The most pages (4 KiB) a reset rewrites; past that it gives every page back to the kernel. */
    static final int MAX_REWRITTEN_PAGES = 256;

    /** Bytes in a Wasm page. */
    public static final long PAGE_SIZE = 65536;
    /** Pages a 32-bit memory can address. */
    public static final long MAX_PAGES_32 = 65536;

    private final VirtualMemory reservation;
    private final long maxPages;
    /** Whether accesses past the length must fault: then exactly {@code pages} are accessible. */
    private final boolean guarded;
    private long pages;
    /**
     * How many pages are readable and writable: the most the memory ever had. Explicit bounds
     * checks keep code within {@code pages}, so pages beyond it may stay accessible, and a
     * recycled memory ({@link MemoryPool}) grows back without a system call.
     */
    private long accessiblePages;
    /** The image mapped copy-on-write over the start of the memory, or null: the memory started as zeros. */
    private MemoryImage image;

    private LinearMemory(VirtualMemory reservation, long pages, long maxPages, boolean guarded) {
        this.reservation = reservation;
        this.pages = pages;
        this.accessiblePages = pages;
        this.maxPages = maxPages;
        this.guarded = guarded;
    }

    /**
     * Reserves a memory of {@code minPages} pages that may grow to {@code maxPages}.
     *
     * @param minPages the initial size, within [0, maxPages]
     * @param maxPages the most pages it may ever have (the declared maximum, capped by the
     *                 owner's limit); the reservation is this large
     * @throws IllegalArgumentException if {@code minPages > maxPages}
     * @throws dev.windlass.nativemem.NativeMemoryException if the address space cannot be reserved
     */
    public static LinearMemory create(long minPages, long maxPages) {
        // A zero-page memory still reserves one page, so its base is a real address.
        return create(minPages, maxPages, Math.max(1, maxPages) * PAGE_SIZE, false);
    }

    /**
     * Reserves a memory of {@code minPages} pages that may grow to {@code maxPages}, in a
     * reservation of {@code reservationBytes}: everything past the length stays inaccessible, so
     * that generated code may access {@code base + index + offset} unchecked and fault there.
     *
     * @param reservationBytes at least {@code maxPages * PAGE_SIZE}; e.g. 8 GiB + 64 KiB for a
     *                         32-bit memory whose index and offset are both u32
     * @throws MemoryReservationException if the address space cannot be reserved
     */
    public static LinearMemory createGuarded(long minPages, long maxPages, long reservationBytes) {
        if (reservationBytes < maxPages * PAGE_SIZE) {
            throw new IllegalArgumentException("reservation of " + reservationBytes + " bytes is smaller than "
                    + maxPages + " pages");
        }
        return create(minPages, maxPages, reservationBytes, true);
    }

    private static LinearMemory create(long minPages, long maxPages, long reservationBytes, boolean guarded) {
        if (minPages < 0 || minPages > maxPages) {
            throw new IllegalArgumentException("initial size " + minPages + " pages exceeds the maximum " + maxPages);
        }
        VirtualMemory reservation;
        try {
            reservation = VirtualMemory.reserve(reservationBytes);
        } catch (NativeMemoryException e) {
            throw new MemoryReservationException("cannot reserve " + reservationBytes + " bytes of address space for a "
                    + "linear memory (" + e.errnoName() + "); the process address space is 128 TiB, about 16,000 "
                    + "guard-page memories of 8 GiB: close stores that are no longer used", e);
        }
        try {
            if (minPages > 0) {
                reservation.protect(0, minPages * PAGE_SIZE, Protection.READ_WRITE);
            }
        } catch (RuntimeException e) {
            reservation.close();
            throw e;
        }
        return new LinearMemory(reservation, minPages, maxPages, guarded);
    }

    /** {@return the bytes of address space reserved}: at least the maximum size */
    public long reservedBytes() {
        return reservation.size();
    }

    /** {@return the address of byte 0}; it never changes */
    public long base() {
        return reservation.address();
    }

    /** {@return the accessible size in bytes} */
    public long byteLength() {
        return pages * PAGE_SIZE;
    }

    /** {@return the size in pages} */
    public long pages() {
        return pages;
    }

    public long maxPages() {
        return maxPages;
    }

    /**
     * Grows the memory by {@code delta} pages, as {@code memory.grow} does.
     *
     * @return the previous size in pages, or -1 if the memory cannot grow that much (the memory is unchanged)
     */
    public long grow(long delta) {
        if (delta < 0 || delta > maxPages - pages) {
            return -1;
        }
        long old = pages;
        if (!makeAccessible(old + delta)) {
            return -1; // out of memory for the commit: Wasm sees a failed grow, not a crash
        }
        pages = old + delta;
        return old;
    }

    /** Makes the first {@code count} pages readable and writable; {@return false} if the system refuses */
    private boolean makeAccessible(long count) {
        if (count <= accessiblePages) {
            return true;
        }
        try {
            reservation.protect(accessiblePages * PAGE_SIZE, (count - accessiblePages) * PAGE_SIZE,
                    Protection.READ_WRITE);
        } catch (RuntimeException e) {
            return false;
        }
        accessiblePages = count;
        return true;
    }

    /** {@return whether accesses past the length fault} ({@link #createGuarded}) */
    public boolean guarded() {
        return guarded;
    }

    /** {@return the image the memory started from}, or null if it started as zeros */
    public MemoryImage image() {
        return image;
    }

    /**
     * Makes {@code image} the memory's contents from offset 0, copy-on-write, in place of what
     * is there (zeros in a new memory; a recycled memory's previous image is first replaced by
     * zero pages). Nothing to do if the memory holds that image already: a recycled memory has
     * been reset to it.
     *
     * @return false if the kernel refused the mapping: the memory is then all zeros, as if it
     *         had no image, and the caller copies the data instead
     * @throws IllegalArgumentException if the image is larger than the memory
     * @throws dev.windlass.nativemem.NativeMemoryException if the memory could not even be put
     *         back to zeros; it must then be closed
     */
    public boolean mapImage(MemoryImage image) {
        if (image == this.image) {
            return true;
        }
        if (!image.fits(byteLength())) {
            throw new IllegalArgumentException("an image of " + image.byteLength() + " bytes exceeds the memory's "
                    + byteLength());
        }
        dropImage();
        try {
            reservation.mapCopyOnWrite(0, image.byteLength(), image.file());
        } catch (NativeMemoryException e) {
            return false; // the range was put back as zero pages
        }
        this.image = image;
        return true;
    }

    /** Replaces the image's range with zero pages, so the memory is all zeros. */
    private void dropImage() {
        if (image != null) {
            reservation.replaceWithZeroPages(0, image.byteLength());
            image = null;
        }
    }

    /**
     * Makes the memory as new for reuse by another instance, with length 0: its bytes read as
     * zero again, or as the image's where one is mapped. The pages that hold their own copy
     * ({@link PageMap}: written, or touched past the image) are rewritten, from the image or with
     * zeros, and stay resident for the next instance; if there are more than
     * {@link #MAX_REWRITTEN_PAGES}, every accessible page is given back to the kernel instead
     * ({@code MADV_DONTNEED}: one call, but it flushes every CPU's TLB, which on a loaded
     * virtual machine costs hundreds of microseconds). So the cost follows the pages the
     * instances touched, not the memory's size.
     *
     * @throws IllegalStateException for a guarded memory, whose protection is its bounds check
     */
    void clearForReuse() {
        if (guarded) {
            throw new IllegalStateException("a guarded memory is not recycled");
        }
        long bytes = accessiblePages * PAGE_SIZE;
        pages = 0;
        if (bytes == 0) {
            return;
        }
        int[] own = PageMap.privatePages(base(), bytes, MAX_REWRITTEN_PAGES);
        if (own == null) {
            reservation.discard(0, bytes);
            return;
        }
        long pageSize = VirtualMemory.pageSize();
        MemorySegment all = reservation.segment(0, bytes);
        MemorySegment pristine = image == null ? null : image.pristine();
        for (int page : own) {
            long offset = page * pageSize;
            if (pristine != null && offset < pristine.byteSize()) {
                MemorySegment.copy(pristine, offset, all, offset, pageSize);
            } else {
                all.asSlice(offset, pageSize).fill((byte) 0);
            }
        }
    }

    /**
     * Gives a {@linkplain #clearForReuse cleared} memory its new initial size; its image stays
     * if it is {@code wanted} (it has been reset to it), else the memory is made all zeros.
     * {@return false} if it cannot have that size (the caller then closes it)
     */
    boolean reuse(long minPages, MemoryImage wanted) {
        if (minPages > maxPages || !makeAccessible(minPages)) {
            return false;
        }
        pages = minPages;
        if (image != wanted || (image != null && !image.fits(byteLength()))) {
            dropImage();
        }
        return true;
    }

    /**
     * {@return a view of the accessible bytes}, bounded by the current length: take a new one
     * after the memory grows
     */
    public MemorySegment segment() {
        return reservation.segment(0, byteLength());
    }

    @Override
    public void close() {
        reservation.close();
    }
}
