package dev.windlass.winch.vm;

/**
 * The runtime functions generated code calls for what it cannot do inline, through the table
 * whose address is in every VMContext ({@link VmOffsets#BUILTINS_ADDRESS}): entry {@code i} at
 * byte {@code 8 * i}. Each is a System V function (an FFM upcall stub) that never throws.
 */
public final class Builtins {

    /**
     * {@code long memoryGrow(void *vmctx, int memoryIndex, long deltaPages)}: the previous size
     * in pages, or -1 if the memory cannot grow that much.
     */
    public static final int MEMORY_GROW = 0;
    /**
     * {@code int memoryCopy(void *vmctx, int dstMemory, int srcMemory, long dst, long src, long length)}:
     * 0, or non-zero if either range is out of bounds (nothing is copied then).
     */
    public static final int MEMORY_COPY = 1;
    /** {@code int memoryFill(void *vmctx, int memory, long dst, int value, long length)}: 0, or non-zero if out of bounds. */
    public static final int MEMORY_FILL = 2;
    /**
     * {@code int memoryInit(void *vmctx, int memory, int segment, long dst, int src, int length)}:
     * 0, or non-zero if out of bounds (a dropped segment has length 0).
     */
    public static final int MEMORY_INIT = 3;
    /** {@code int dataDrop(void *vmctx, int segment)}: 0. */
    public static final int DATA_DROP = 4;
    /** {@code long tableGrow(void *vmctx, int table, long initRef, long delta)}: the previous size, or -1. */
    public static final int TABLE_GROW = 5;
    /** {@code int tableFill(void *vmctx, int table, long index, long ref, long length)}: 0, or non-zero if out of bounds. */
    public static final int TABLE_FILL = 6;
    /** {@code int tableCopy(void *vmctx, int dstTable, int srcTable, long dst, long src, long length)}: 0, or non-zero if out of bounds. */
    public static final int TABLE_COPY = 7;
    /** {@code int tableInit(void *vmctx, int table, int segment, long dst, int src, int length)}: 0, or non-zero if out of bounds. */
    public static final int TABLE_INIT = 8;
    /** {@code int elemDrop(void *vmctx, int segment)}: 0. */
    public static final int ELEM_DROP = 9;
    /** Number of entries in the table. */
    public static final int COUNT = 10;

    private Builtins() {
    }
}
