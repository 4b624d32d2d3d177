package dev.windlass.memory;

import dev.windlass.nativemem.NativeMemoryException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Linear memories kept for reuse, so that per-request instances do not map, protect and unmap
 * a reservation each (system calls that also shoot down TLBs). A released memory gives its
 * pages back ({@code MADV_DONTNEED}: its bytes read as zero again, or as its {@link MemoryImage}'s,
 * at a cost that follows the pages the instance touched); the next instance asking for a memory
 * with the same maximum takes it, preferably one that already holds the image it wants, so the
 * instance starts without a system call.
 *
 * <p>Bounded: at most {@code slots} idle memories, each of at most {@code maxPooledBytes} when
 * released (a larger one is unmapped), so the pool holds at most {@code slots} reservations and
 * little resident memory (the pages of the images they map, shared with the images' files). Guard-page memories are never
 * pooled (their protection is their bounds check). Thread-safe.
 */
public final class MemoryPool {

    private final int slots;
    private final long maxPooledBytes;
    private final Map<Long, ArrayDeque<LinearMemory>> idle = new HashMap<>();
    private int idleCount;

    /** A pool of at most {@code slots} idle memories of at most {@code maxPooledBytes} each; 0 slots: no pooling. */
    public MemoryPool(int slots, long maxPooledBytes) {
        if (slots < 0 || maxPooledBytes < 0) {
            throw new IllegalArgumentException("slots and bytes must not be negative");
        }
        this.slots = slots;
        this.maxPooledBytes = maxPooledBytes;
    }

    /**
     * {@return a memory of {@code minPages} that may grow to {@code maxPages}}: an idle one of
     * the same maximum if there is one, preferably one already holding {@code image} (null: one
     * without an image), else a new reservation ({@link LinearMemory#create}). A memory taken
     * from the pool holds {@code image} or is all zeros; the caller {@linkplain
     * LinearMemory#mapImage maps} the image if it is not there yet.
     */
    public LinearMemory acquire(long minPages, long maxPages, MemoryImage image) {
        LinearMemory memory;
        synchronized (this) {
            memory = take(maxPages, image);
        }
        if (memory != null) {
            try {
                if (memory.reuse(minPages, image)) {
                    return memory;
                }
            } catch (NativeMemoryException | IllegalStateException e) {
                // the kernel would not put zero pages over the image: this memory is fit for no one
            }
            memory.close();
        }
        return LinearMemory.create(minPages, maxPages);
    }

    /** {@return an idle memory of {@code maxPages}, holding {@code image} if one does, or null} */
    private LinearMemory take(long maxPages, MemoryImage image) {
        ArrayDeque<LinearMemory> same = idle.get(maxPages);
        if (same == null || same.isEmpty()) {
            return null;
        }
        LinearMemory chosen = null;
        for (LinearMemory candidate : same) {
            if (candidate.image() == image) {
                chosen = candidate;
                break;
            }
        }
        if (chosen == null) {
            chosen = same.peek();
        }
        same.remove(chosen);
        idleCount--;
        return chosen;
    }

    /** Takes back a memory no instance uses any more: pooled if it fits, unmapped if not. */
    public void release(LinearMemory memory) {
        if (memory.guarded() || memory.byteLength() > maxPooledBytes || slots == 0) {
            memory.close();
            return;
        }
        try {
            memory.clearForReuse();
        } catch (RuntimeException e) {
            memory.close(); // the kernel refused the reset: never hand these bytes on
            return;
        }
        synchronized (this) {
            if (idleCount < slots) {
                idle.computeIfAbsent(memory.maxPages(), max -> new ArrayDeque<>()).push(memory);
                idleCount++;
                return;
            }
        }
        memory.close();
    }

    /** {@return how many memories wait for reuse} */
    public synchronized int idle() {
        return idleCount;
    }

    /** Unmaps every idle memory. */
    public void clear() {
        ArrayDeque<LinearMemory> all = new ArrayDeque<>();
        synchronized (this) {
            idle.values().forEach(all::addAll);
            idle.clear();
            idleCount = 0;
        }
        all.forEach(LinearMemory::close);
    }
}
