package dev.windlass.winch.vm;

/**
 * The layout of the code-range table: the address ranges of live generated code whose memory
 * faults are traps, which the guard-page signal handler (machine code, {@code codegen.x64}'s
 * {@code X64SignalHandler}) reads without a lock while the runtime ({@code CodeRangeTable} in
 * {@code dev.windlass.sandbox}) adds and removes ranges under one. Both take the offsets from
 * here. All fields are 64-bit.
 *
 * <pre>
 *   +0                    slots in use: a high-water mark, published after the slot it covers
 *   +8                    faults the handler passed on to the previous handler (it counts them)
 *   +16                   faults the handler turned into traps (likewise)
 *   +24                   (reserved)
 *   +32 + 16*i            slot i: start of the range
 *   +32 + 16*i + 8                end of the range (exclusive); 0 marks a free slot
 * </pre>
 *
 * Adding a range writes start, then end; removing writes end = 0 first, so a reader that sees a
 * non-zero end also sees its start (x86-64 does not reorder loads with loads).
 */
public final class CodeRangeTableLayout {

    /** Offset of the count of slots in use. */
    public static final int SLOTS_IN_USE = 0;
    /** Offset of the count of faults chained to the previous handler. */
    public static final int CHAINED_FAULTS = 8;
    /** Offset of the count of faults turned into traps. */
    public static final int TRAPPED_FAULTS = 16;
    /** Offset of slot 0. */
    public static final int FIRST_SLOT = 32;
    /** Bytes per slot. */
    public static final int SLOT_SIZE = 16;
    /** Offset of a range's start within its slot. */
    public static final int SLOT_START = 0;
    /** Offset of a range's end within its slot; 0 in a free slot. */
    public static final int SLOT_END = 8;

    private CodeRangeTableLayout() {
    }

    /** {@return the offset of slot {@code slot} from the table's start} */
    public static long slotOffset(int slot) {
        return FIRST_SLOT + (long) SLOT_SIZE * slot;
    }

    /** {@return the bytes of a table with {@code capacity} slots} */
    public static long byteSize(int capacity) {
        return slotOffset(capacity);
    }
}
