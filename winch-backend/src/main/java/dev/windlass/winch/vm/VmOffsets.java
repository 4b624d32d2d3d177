package dev.windlass.winch.vm;

/**
 * The layout of an instance's VMContext: the one native block that generated code reaches
 * through the pinned context register, and the one place its offsets are computed. The code
 * generator reads fields at these offsets; the runtime writes them at the same offsets.
 *
 * <pre>
 *   offset                         size   field
 *   ----------------------------   ----   -------------------------------------------------
 *   0                                 8   address of the store's runtime block ({@link RuntimeOffsets})
 *   8                                 8   address of the builtin function table (memory.grow, ...)
 *   16                                8   address of the canonical type ids, one int per type index
 *   24..HEADER_SIZE                       (reserved for growth)
 *   importedFunctions()             16n   per imported function: code address, callee context
 *   memories()                       16n  per memory: imported = address of the owner's
 *                                         {base, length}; defined = {base, length} in place
 *   tables()                         16n  per table: the same shape as memories
 *   globals()                        16n  per global: imported = address of the owner's slot;
 *                                         defined = the value in place (16 bytes, v128-ready)
 *   functionRefs()                    8n  per function (imported ones first): the address of
 *                                         its function reference ({@link FuncRefOffsets}), what
 *                                         {@code ref.func} yields and tables hold
 * </pre>
 *
 * Every callee context starts with the runtime block's address: an instance's VMContext, and
 * the small context of a host function, so that code which traps finds the unwind state
 * whichever context it runs under. Every slot is 16 bytes so that imported and defined entities
 * share one indexing rule, and every field is naturally aligned. The block is allocated 16-byte
 * aligned.
 */
public final class VmOffsets {

    /** Bytes of the fixed header, before the per-entity regions. */
    public static final int HEADER_SIZE = 32;
    /** Bytes of each per-entity slot. */
    public static final int SLOT_SIZE = 16;

    private static final int RUNTIME_ADDRESS = 0;
    /** Offset of the builtin function table's address: the same in every VMContext. */
    public static final int BUILTINS_ADDRESS = 8;
    /** Offset of the address of the canonical type ids (an int per type index): the same in every VMContext. */
    public static final int TYPE_IDS_ADDRESS = 16;

    private final int importedFunctions;
    private final int memories;
    private final int tables;
    private final int globals;
    private final int functions;
    private final int functionRefsStart;
    private final int importedFunctionsStart;
    private final int memoriesStart;
    private final int tablesStart;
    private final int globalsStart;
    private final int size;

    /**
     * The layout for an instance with these counts (imported and defined together for
     * memories, tables and globals).
     *
     * @throws IllegalArgumentException if a count is negative or the block would exceed 2 GiB
     */
    public VmOffsets(int importedFunctions, int memories, int tables, int globals) {
        this(importedFunctions, memories, tables, globals, 0);
    }

    /**
     * The layout for an instance with these counts, {@code functions} counting imported and
     * defined functions.
     *
     * @throws IllegalArgumentException if a count is negative or the block would exceed 2 GiB
     */
    public VmOffsets(int importedFunctions, int memories, int tables, int globals, int functions) {
        if (importedFunctions < 0 || memories < 0 || tables < 0 || globals < 0 || functions < 0) {
            throw new IllegalArgumentException("negative entity count");
        }
        long total = HEADER_SIZE + (long) SLOT_SIZE * ((long) importedFunctions + memories + tables + globals)
                + 8L * functions;
        total = (total + 15) & ~15L;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("VMContext of " + total + " bytes is too large");
        }
        this.importedFunctions = importedFunctions;
        this.memories = memories;
        this.tables = tables;
        this.globals = globals;
        this.importedFunctionsStart = HEADER_SIZE;
        this.memoriesStart = importedFunctionsStart + SLOT_SIZE * importedFunctions;
        this.tablesStart = memoriesStart + SLOT_SIZE * memories;
        this.globalsStart = tablesStart + SLOT_SIZE * tables;
        this.functions = functions;
        this.functionRefsStart = globalsStart + SLOT_SIZE * globals;
        this.size = (int) total;
    }

    /** {@return the size of the whole block in bytes, a multiple of 16} */
    public int size() {
        return size;
    }

    /** {@return the offset of the store's runtime block address: 0, in every callee context} */
    public int runtimeAddress() {
        return RUNTIME_ADDRESS;
    }

    public int builtinsAddress() {
        return BUILTINS_ADDRESS;
    }

    public int typeIdsAddress() {
        return TYPE_IDS_ADDRESS;
    }

    /** {@return the offset of imported function {@code index}'s code address} */
    public int importedFunctionCode(int index) {
        return importedFunctionsStart + SLOT_SIZE * check(index, importedFunctions, "imported function");
    }

    /** {@return the offset of imported function {@code index}'s callee vmctx} */
    public int importedFunctionVmctx(int index) {
        return importedFunctionCode(index) + 8;
    }

    /** {@return the offset of memory {@code index}'s slot (its base, or the address of the owner's)} */
    public int memory(int index) {
        return memoriesStart + SLOT_SIZE * check(index, memories, "memory");
    }

    /** {@return the offset of table {@code index}'s slot} */
    public int table(int index) {
        return tablesStart + SLOT_SIZE * check(index, tables, "table");
    }

    /** {@return the offset of global {@code index}'s slot} */
    public int global(int index) {
        return globalsStart + SLOT_SIZE * check(index, globals, "global");
    }

    /** {@return the offset of the address of function {@code index}'s reference} */
    public int functionRef(int index) {
        return functionRefsStart + 8 * check(index, functions, "function");
    }

    /** {@return the offset of the length within a defined memory's or table's {base, length}} */
    public static int lengthWithinDefinition() {
        return 8;
    }

    private static int check(int index, int count, String what) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(what + " " + index + " of " + count);
        }
        return index;
    }

    @Override
    public String toString() {
        return "VmOffsets[size=" + size + ", importedFunctions=" + importedFunctions + ", memories=" + memories
                + ", tables=" + tables + ", globals=" + globals + "]";
    }
}
