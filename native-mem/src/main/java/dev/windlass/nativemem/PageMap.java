package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Which pages of a private mapping hold their own copy (written since they were mapped, or
 * swapped out), read from {@code /proc/self/pagemap}: one 64-bit entry per page, bit 63
 * "present", bit 62 "swapped", bit 61 "file page or shared anonymous". A present page without
 * bit 61 is private: a page a write gave its own copy, or a touched anonymous page. The flags
 * need no privilege (only the frame numbers do, and they are not read).
 *
 * <p>This lets a recycled memory be reset by rewriting just those pages, with no
 * {@code madvise}: dropping pages makes the kernel flush the TLBs of every CPU that ran the
 * process, which on a loaded virtual machine took hundreds of microseconds where rewriting 16
 * pages takes a few.
 */
public final class PageMap {

    private static final long ENTRY_PRESENT = 1L << 63;
    private static final long ENTRY_SWAPPED = 1L << 62;
    private static final long ENTRY_FILE_OR_SHARED = 1L << 61;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /**
     * A critical downcall that may take a heap array: reading the pagemap is a page-table walk
     * of microseconds that never blocks on I/O, so holding off safepoints for it is harmless,
     * and the entries need no native buffer (an arena per reset showed in the profile).
     */
    private static final MethodHandle PREAD = LINKER.downcallHandle(LINKER.defaultLookup().find("pread").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.critical(true));
    /** The process's pagemap, open for its lifetime; -1 if it cannot be read (then callers fall back). */
    private static final int FD = open();

    private PageMap() {
    }

    private static int open() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(arena.allocateFrom("/proc/self/pagemap"), O_RDONLY_CLOEXEC);
        } catch (Throwable t) {
            return -1;
        }
    }

    /**
     * {@return the indexes (from {@code address}, in pages) of the private pages of
     * {@code [address, address + length)}, in order, or null if there are more than
     * {@code limit} or the pagemap cannot be read}
     *
     * @param address page-aligned
     * @param length  a multiple of the page size
     */
    public static int[] privatePages(long address, long length, int limit) {
        long pageSize = VirtualMemory.pageSize();
        if (FD < 0 || address % pageSize != 0 || length % pageSize != 0) {
            return null;
        }
        int pages = Math.toIntExact(length / pageSize);
        int[] found = new int[Math.min(limit, pages)];
        int count = 0;
        long[] raw = new long[pages];
        MemorySegment entries = MemorySegment.ofArray(raw);
        try {
            long wanted = 8L * pages;
            long read = 0;
            while (read < wanted) {
                long n = (long) PREAD.invokeExact(FD, entries.asSlice(read), wanted - read,
                        (address / pageSize) * 8 + read);
                if (n <= 0) {
                    return null;
                }
                read += n;
            }
            for (int p = 0; p < pages; p++) {
                long entry = raw[p];
                boolean ownCopy = (entry & ENTRY_SWAPPED) != 0
                        || ((entry & ENTRY_PRESENT) != 0 && (entry & ENTRY_FILE_OR_SHARED) == 0);
                if (ownCopy) {
                    if (count == found.length) {
                        return null;
                    }
                    found[count++] = p;
                }
            }
        } catch (Throwable t) {
            return null;
        }
        return java.util.Arrays.copyOf(found, count);
    }
}
