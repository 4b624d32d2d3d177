package dev.windlass.sandbox;

import dev.windlass.nativemem.NativeHeap;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The native memory of one store's runtime structures (its runtime block, argument slots,
 * instance contexts, function reference records, type ids, globals, tables): bump-allocated,
 * zeroed, from chunks of the C heap, all freed at once when the store is closed or reclaimed.
 * Freeing is a few {@code free} calls, where closing a shared {@code Arena} costs a handshake
 * with every thread (tens of microseconds, the bulk of a store's life).
 *
 * <p>The segments it hands out are plain-address views with no lifetime of their own, so
 * nothing the host can reach may expose them: code that touches them from a host API first
 * claims the store ({@link Store#beginAccess}), which fails once the store is closed, and the
 * store frees the chunks only while it holds its own claim ({@link Store#close}) or once it is
 * unreachable. Host-visible views of linear memory come from the store's host-view arena instead.
 * Synchronized: the Cleaner thread may free what the store's threads allocated.
 */
final class NativeBlocks {

    /** The first chunk holds a store's runtime block (8 KiB) and a small instance or two. */
    private static final long CHUNK_BYTES = 16 * 1024;
    private static final long ALIGNMENT = 16;

    private long[] chunks = new long[4];
    private int chunkCount;
    private long next;
    private long end;
    private boolean freed;

    /** {@return {@code bytes} zeroed bytes, aligned to 16, valid until {@link #free()}} */
    synchronized MemorySegment allocate(long bytes) {
        if (freed) {
            throw new IllegalStateException("store is closed");
        }
        long size = Math.max(ALIGNMENT, (bytes + ALIGNMENT - 1) & -ALIGNMENT);
        if (size > end - next) {
            if (size > CHUNK_BYTES / 2) {
                return MemorySegment.ofAddress(addChunk(size)).reinterpret(bytes); // a block of its own
            }
            next = addChunk(CHUNK_BYTES);
            end = next + CHUNK_BYTES;
        }
        long address = next;
        next += size;
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    private long addChunk(long bytes) {
        long address = NativeHeap.allocateZeroed(bytes);
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = address;
        return address;
    }

    /** Frees every block; later allocations fail. Idempotent. */
    synchronized void free() {
        if (freed) {
            return;
        }
        freed = true;
        for (int i = 0; i < chunkCount; i++) {
            NativeHeap.free(chunks[i]);
        }
        chunkCount = 0;
        next = end = 0;
    }
}
