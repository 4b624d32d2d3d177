package dev.windlass.winch.vm;

/**
 * The layout of an instance's VMContext: the one native block that generated code reaches
 * through the pinned context register, and the one place its offsets are computed. The code
 * generator reads fields at these offsets; the runtime writes them at the same offsets.
 *
 * <pre>
 *   offset                         size   field
 *   ----------------------------   ----   -------------------------------------------------
 *   0                                 8   stack limit: the lowest rsp Wasm code may reach
 *   8                                 8   saved entry rsp: where the trap stub unwinds to
 *   16                                4   trap code ({@link TrapCode#code()}, 0 = none)
 *   20                                4   (reserved)
 *   24                                8   trap pc: the faulting instruction's address
 *   32                                8   fuel: remaining units (when metering is on)
 *   40                                8   address of the engine's epoch counter
 *   48                                8   epoch deadline of the store
 *   56                                8   address of the builtin function table (memory.grow, ...)
 *   64                                8   address of the canonical type ids, one int per type index
 *   72                                8   host state: the runtime's handle for upcalls
 *   80..HEADER_SIZE                       (reserved for growth)
 *   importedFunctions()             16n   per imported function: code address, callee vmctx
 *   memories()                       16n  per memory: imported = address of the owner's
 *                                         {base, length}; defined = {base, length} in place
 *   tables()                         16n  per table: the same shape as memories
 *   globals()                        16n  per global: imported = address of the owner's slot;
 *                                         defined = the value in place (16 bytes, v128-ready)
 * </pre>
 *
 * Every slot is 16 bytes so that imported and defined entities share one indexing rule, and
 * every field is naturally aligned. The block is allocated 16-byte aligned.
 */
public final class VmOffsets {

    /** Bytes of the fixed header, before the per-entity regions. */
    public static final int HEADER_SIZE = 128;
    /** Bytes of each per-entity slot. */
    public static final int SLOT_SIZE = 16;

    private static final int STACK_LIMIT = 0;
    private static final int SAVED_ENTRY_RSP = 8;
    private static final int TRAP_CODE = 16;
    private static final int TRAP_PC = 24;
    private static final int FUEL = 32;
    private static final int EPOCH_COUNTER_ADDRESS = 40;
    private static final int EPOCH_DEADLINE = 48;
    private static final int BUILTINS_ADDRESS = 56;
    private static final int TYPE_IDS_ADDRESS = 64;
    private static final int HOST_STATE = 72;

    private final int importedFunctions;
    private final int memories;
    private final int tables;
    private final int globals;
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
        if (importedFunctions < 0 || memories < 0 || tables < 0 || globals < 0) {
            throw new IllegalArgumentException("negative entity count");
        }
        long total = HEADER_SIZE + (long) SLOT_SIZE * ((long) importedFunctions + memories + tables + globals);
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
        this.size = (int) total;
    }

    /** {@return the size of the whole block in bytes, a multiple of 16} */
    public int size() {
        return size;
    }

    public int stackLimit() {
        return STACK_LIMIT;
    }

    public int savedEntryRsp() {
        return SAVED_ENTRY_RSP;
    }

    /** {@return the offset of the 32-bit trap code} */
    public int trapCode() {
        return TRAP_CODE;
    }

    public int trapPc() {
        return TRAP_PC;
    }

    public int fuel() {
        return FUEL;
    }

    public int epochCounterAddress() {
        return EPOCH_COUNTER_ADDRESS;
    }

    public int epochDeadline() {
        return EPOCH_DEADLINE;
    }

    public int builtinsAddress() {
        return BUILTINS_ADDRESS;
    }

    public int typeIdsAddress() {
        return TYPE_IDS_ADDRESS;
    }

    public int hostState() {
        return HOST_STATE;
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
