package dev.windlass.wasi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * A guest's {@code iovec}/{@code ciovec} array: {@code count} pairs of (buffer u32, length u32)
 * at {@code array}. The count is unsigned and the whole array is checked to lie in memory before
 * any entry is read, and every buffer before any byte moves ({@link #checkBuffers}), so a call
 * either fails with EFAULT or transfers; nothing is allocated per entry, and the total is capped
 * at {@link #MAX_TRANSFER} as Linux caps one {@code readv}/{@code writev}.
 */
final class Iovecs {

    /** Largest single transfer, as Linux caps one read or write (2 GiB minus a page). */
    static final long MAX_TRANSFER = 0x7FFF_F000L;
    private static final int ENTRY_SIZE = 8;

    private final GuestMemory memory;
    private final long array;
    private final long count;

    /** @throws WasiError EFAULT if the array does not lie in memory */
    Iovecs(GuestMemory memory, int array, int count) {
        this.memory = memory;
        this.count = Integer.toUnsignedLong(count);
        this.array = memory.check(array, this.count * ENTRY_SIZE); // at most 2^35: no overflow
    }

    long count() {
        return count;
    }

    private int buffer(long i) {
        return memory.u32(entry(i));
    }

    private long length(long i) {
        return Integer.toUnsignedLong(memory.u32(entry(i) + 4));
    }

    private int entry(long i) {
        return (int) (array + ENTRY_SIZE * i); // inside a memory of at most 4 GiB: fits 32 bits unsigned
    }

    /**
     * Checks that every buffer lies in memory, and {@return the bytes they hold together, capped
     * at {@link #MAX_TRANSFER}}; charges {@code work} for the entries it reads.
     *
     * @throws WasiError EFAULT if one does not
     */
    long checkBuffers(HostWork work) {
        long total = 0;
        for (long i = 0; i < count; i++) {
            if ((i & (HostWork.ENTRIES_PER_STEP - 1)) == 0) {
                work.entries();
            }
            long length = length(i);
            memory.check(buffer(i), length);
            total = Math.min(MAX_TRANSFER, total + length);
        }
        return total;
    }

    /** A transfer of one piece of a buffer: {@return the bytes moved}; fewer than asked ends the transfer. */
    interface Piece {
        long move(MemorySegment piece, long done) throws IOException;
    }

    /**
     * Moves the buffers in order, in pieces of at most {@link HostWork#CHUNK} bytes, each charged
     * to {@code work} first, up to {@code limit} bytes in all (what {@link #checkBuffers} gave);
     * a short piece ends the transfer, as a short {@code readv}/{@code writev} does.
     * {@return the bytes moved}
     */
    long transfer(long limit, HostWork work, Piece piece) throws IOException {
        long done = 0;
        for (long i = 0; i < count && done < limit; i++) {
            if ((i & (HostWork.ENTRIES_PER_STEP - 1)) == 0) {
                work.entries();
            }
            long length = Math.min(length(i), limit - done);
            long start = Integer.toUnsignedLong(buffer(i));
            for (long at = 0; at < length; ) {
                long size = Math.min(HostWork.CHUNK, length - at);
                work.bytes(size);
                long moved = piece.move(memory.slice((int) (start + at), (int) size), done);
                done += moved;
                at += moved;
                if (moved < size) {
                    return done;
                }
            }
        }
        return done;
    }
}
