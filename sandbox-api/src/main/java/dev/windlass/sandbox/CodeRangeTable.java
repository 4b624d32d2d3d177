package dev.windlass.sandbox;

import static dev.windlass.winch.vm.CodeRangeTableLayout.CHAINED_FAULTS;
import static dev.windlass.winch.vm.CodeRangeTableLayout.SLOTS_IN_USE;
import static dev.windlass.winch.vm.CodeRangeTableLayout.SLOT_END;
import static dev.windlass.winch.vm.CodeRangeTableLayout.SLOT_START;
import static dev.windlass.winch.vm.CodeRangeTableLayout.TRAPPED_FAULTS;
import static dev.windlass.winch.vm.CodeRangeTableLayout.slotOffset;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.windlass.winch.vm.CodeRangeTableLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The address ranges of live generated code whose memory faults are traps, in native memory that
 * the guard-page signal handler ({@code SignalHandlerCode}) reads without a lock while Java
 * threads add and remove ranges under one. The layout, and the order of the writes that makes
 * the lock-free read safe, are {@link CodeRangeTableLayout}'s; every write here is a volatile
 * store. Add a range before its code can run and remove it before the code is unmapped.
 * The table is process-wide and never freed.
 */
final class CodeRangeTable {

    /**
     * Most ranges live at once: more than the process could map (each module's code is at least
     * two mappings, and Linux allows about 65,000); freed slots are reused. 512 KiB of table.
     */
    static final int CAPACITY = 32768;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final MemorySegment TABLE = Arena.global().allocate(CodeRangeTableLayout.byteSize(CAPACITY), 64);
    private static final Object LOCK = new Object();
    private static int inUse;
    private static int live;

    private CodeRangeTable() {
    }

    /** {@return the address of the table}, for the signal handler */
    static long address() {
        return TABLE.address();
    }

    /**
     * Adds {@code [start, end)}; {@return its slot}, for {@link #remove}.
     *
     * @throws IllegalStateException if {@link #CAPACITY} ranges are live already
     */
    static int add(long start, long end) {
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
            LONG.setVolatile(TABLE, slotOffset(slot) + SLOT_START, start);
            LONG.setVolatile(TABLE, slotOffset(slot) + SLOT_END, end);
            if (slot == inUse) {
                inUse++;
                LONG.setVolatile(TABLE, (long) SLOTS_IN_USE, (long) inUse);
            }
            live++;
            return slot;
        }
    }

    /** Removes the range in {@code slot}. */
    static void remove(int slot) {
        synchronized (LOCK) {
            if (slot < 0 || slot >= inUse || end(slot) == 0) {
                throw new IllegalArgumentException("slot " + slot + " holds no range");
            }
            LONG.setVolatile(TABLE, slotOffset(slot) + SLOT_END, 0L);
            LONG.setVolatile(TABLE, slotOffset(slot) + SLOT_START, 0L);
            live--;
        }
    }

    /** {@return whether {@code address} lies in a registered range} (what the signal handler decides) */
    static boolean contains(long address) {
        synchronized (LOCK) {
            for (int slot = 0; slot < inUse; slot++) {
                long end = end(slot);
                if (end != 0 && address < end && address >= (long) LONG.getVolatile(TABLE, slotOffset(slot) + SLOT_START)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@return how many faults the signal handler passed on to the previous handler} (not ours) */
    static long chainedFaults() {
        return (long) LONG.getVolatile(TABLE, (long) CHAINED_FAULTS);
    }

    /** {@return how many faults the signal handler turned into traps} */
    static long trappedFaults() {
        return (long) LONG.getVolatile(TABLE, (long) TRAPPED_FAULTS);
    }

    /** {@return the number of ranges registered now} */
    static int liveRanges() {
        synchronized (LOCK) {
            return live;
        }
    }

    private static long end(int slot) {
        return (long) LONG.getVolatile(TABLE, slotOffset(slot) + SLOT_END);
    }
}
