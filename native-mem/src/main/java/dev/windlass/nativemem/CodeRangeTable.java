package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The address ranges of live generated code whose memory faults are traps, in native memory that
 * a signal handler reads without a lock while Java threads add and remove ranges under one.
 *
 * <pre>
 *   +0          slots in use: a high-water mark, published after the slot it covers
 *   +8          faults the handler passed on to the previous handler (it counts them)
 *   +16         faults the handler turned into traps (likewise)
 *   +24         (reserved)
 *   +32 + 16*i  start, end of range i; end == 0 marks a free slot
 * </pre>
 *
 * Adding writes start, then end; removing writes end = 0 first. Both are volatile stores, so a
 * reader (x86-64: loads are not reordered with loads) that sees a non-zero end also sees its
 * start. Add a range before its code can run and remove it before the code is unmapped.
 * The table is process-wide and never freed.
 */
public final class CodeRangeTable {

    /** Most ranges live at once. */
    public static final int CAPACITY = 4096;
    private static final long FIRST_SLOT = 32;
    private static final long SLOT_SIZE = 16;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final MemorySegment TABLE = Arena.global().allocate(FIRST_SLOT + SLOT_SIZE * CAPACITY, 64);
    private static final Object LOCK = new Object();
    private static int inUse;
    private static int live;

    private CodeRangeTable() {
    }

    /** {@return the address of the table}, for the signal handler */
    public static long address() {
        return TABLE.address();
    }

    /**
     * Adds {@code [start, end)}; {@return its slot}, for {@link #remove}.
     *
     * @throws IllegalStateException if {@link #CAPACITY} ranges are live already
     */
    public static int add(long start, long end) {
        if (start <= 0 || end <= start) {
            throw new IllegalArgumentException("bad range [0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")");
        }
        synchronized (LOCK) {
            int slot = 0;
            while (slot < inUse && end(slot) != 0) {
                slot++;
            }
            if (slot == CAPACITY) {
                throw new IllegalStateException("more than " + CAPACITY
                        + " guard-page modules are loaded at once; close or drop some modules");
            }
            LONG.setVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot, start);
            LONG.setVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot + 8, end);
            if (slot == inUse) {
                inUse++;
                LONG.setVolatile(TABLE, 0L, (long) inUse);
            }
            live++;
            return slot;
        }
    }

    /** Removes the range in {@code slot}. */
    public static void remove(int slot) {
        synchronized (LOCK) {
            if (slot < 0 || slot >= inUse || end(slot) == 0) {
                throw new IllegalArgumentException("slot " + slot + " holds no range");
            }
            LONG.setVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot + 8, 0L);
            LONG.setVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot, 0L);
            live--;
        }
    }

    /** {@return whether {@code address} lies in a registered range} (what the signal handler decides) */
    public static boolean contains(long address) {
        synchronized (LOCK) {
            for (int slot = 0; slot < inUse; slot++) {
                long end = end(slot);
                if (end != 0 && address < end && address >= (long) LONG.getVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@return how many faults the signal handler passed on to the previous handler} (not ours) */
    public static long chainedFaults() {
        return (long) LONG.getVolatile(TABLE, 8L);
    }

    /** {@return how many faults the signal handler turned into traps} */
    public static long trappedFaults() {
        return (long) LONG.getVolatile(TABLE, 16L);
    }

    /** {@return the number of ranges registered now} */
    public static int liveRanges() {
        synchronized (LOCK) {
            return live;
        }
    }

    private static long end(int slot) {
        return (long) LONG.getVolatile(TABLE, FIRST_SLOT + SLOT_SIZE * slot + 8);
    }
}
