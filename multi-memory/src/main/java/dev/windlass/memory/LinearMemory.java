package dev.windlass.memory;

import dev.windlass.nativemem.Protection;
import dev.windlass.nativemem.VirtualMemory;
import java.lang.foreign.MemorySegment;

/**
 * One Wasm linear memory: a reservation of address space as large as the memory may ever grow
 * (its maximum, capped by the {@code pageLimit} the owner allows), of which the first
 * {@link #byteLength()} bytes are readable and writable and the rest inaccessible. Growing is an
 * {@code mprotect}: the base never moves, so generated code may keep it, and every access it
 * makes is checked against the current length (explicit bounds checks).
 *
 * <p>Not thread-safe: its store serializes access. {@link #close()} unmaps it; a
 * {@code Cleaner} does so if the owner forgets.
 */
public final class LinearMemory implements AutoCloseable {

    /** Bytes in a Wasm page. */
    public static final long PAGE_SIZE = 65536;
    /** Pages a 32-bit memory can address. */
    public static final long MAX_PAGES_32 = 65536;

    private final VirtualMemory reservation;
    private final long maxPages;
    private long pages;

    private LinearMemory(VirtualMemory reservation, long pages, long maxPages) {
        this.reservation = reservation;
        this.pages = pages;
        this.maxPages = maxPages;
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
        if (minPages < 0 || minPages > maxPages) {
            throw new IllegalArgumentException("initial size " + minPages + " pages exceeds the maximum " + maxPages);
        }
        // A zero-page memory still reserves one page, so its base is a real address.
        VirtualMemory reservation = VirtualMemory.reserve(Math.max(1, maxPages) * PAGE_SIZE);
        try {
            if (minPages > 0) {
                reservation.protect(0, minPages * PAGE_SIZE, Protection.READ_WRITE);
            }
        } catch (RuntimeException e) {
            reservation.close();
            throw e;
        }
        return new LinearMemory(reservation, minPages, maxPages);
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
        if (delta > 0) {
            try {
                reservation.protect(old * PAGE_SIZE, delta * PAGE_SIZE, Protection.READ_WRITE);
            } catch (RuntimeException e) {
                return -1; // out of memory for the commit: Wasm sees a failed grow, not a crash
            }
            pages = old + delta;
        }
        return old;
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
