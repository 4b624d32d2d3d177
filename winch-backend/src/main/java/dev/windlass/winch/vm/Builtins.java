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
    /** Number of entries in the table. */
    public static final int COUNT = 1;

    private Builtins() {
    }
}
