package dev.windlass.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Linear memories kept for reuse, so that per-request instances do not map, protect and unmap
 * a reservation each (system calls that also shoot down TLBs, and first touches that fault
 * every page in). A released memory is zeroed with a memset and keeps its pages; the next
 * instance asking for a memory with the same maximum takes it as it is.
 *
 * <p>Bounded: at most {@code slots} idle memories, each of at most {@code maxPooledBytes} when
 * released (a larger one is unmapped: zeroing it would cost more than mapping anew), so the pool
 * holds at most {@code slots * maxPooledBytes} of resident memory. Guard-page memories are never
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
     * the same maximum if there is one, else a new reservation ({@link LinearMemory#create})
     */
    public LinearMemory acquire(long minPages, long maxPages) {
        LinearMemory memory;
        synchronized (this) {
            ArrayDeque<LinearMemory> same = idle.get(maxPages);
            memory = same == null ? null : same.poll();
            if (memory != null) {
                idleCount--;
            }
        }
        if (memory != null) {
            if (memory.reuse(minPages)) {
                return memory;
            }
            memory.close();
        }
        return LinearMemory.create(minPages, maxPages);
    }

    /** Takes back a memory no instance uses any more: pooled if it fits, unmapped if not. */
    public void release(LinearMemory memory) {
        if (memory.guarded() || memory.byteLength() > maxPooledBytes || slots == 0) {
            memory.close();
            return;
        }
        memory.clearForReuse();
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
