package dev.windlass.winch.wasm;

/**
 * Decodes the operators of a function body or constant expression one at a time, in the
 * manner of a StAX parser: {@link #next()} consumes one operator and its immediates, which
 * the accessors then describe until the next call. Nothing is allocated per operator.
 *
 * <p>The reader checks only what the binary format requires (known opcodes, well-formed
 * LEB128s, reserved bytes); typing is the {@link FunctionValidator}'s job. Indices are decoded
 * as u32 and saturated at {@link Integer#MAX_VALUE}, which no index space can reach, so an
 * out-of-range index is reported by the validator as unknown.
 */
public final class OperatorReader {

    private final WasmReader in;
    private final WasmFeatures features;
    private final boolean dataIndicesAllowed;
    // Looked up once: every memory access asks.
    private final boolean multiMemory;
    private final boolean memory64;

    private int operatorOffset;
    private Opcode opcode;

    private int index;
    private int index2;
    private long literal;
    private int memoryAlignLog2;
    private long memoryOffset;
    private int lane;
    private int bytesOffset;
    private int blockTypeIndex;
    private ValType blockValType;
    private int[] branchTargets = new int[8];
    private int branchTargetCount;
    private int selectTypeCount;
    private ValType selectType;
    private ValType refType;

    OperatorReader(WasmReader in, WasmFeatures features, boolean dataIndicesAllowed) {
        this.in = in;
        this.features = features;
        this.dataIndicesAllowed = dataIndicesAllowed;
        this.multiMemory = features.multiMemory();
        this.memory64 = features.memory64();
    }

    /** Restarts this reader on {@code [position, limit)} of the same bytes (reused across bodies). */
    void restart(int position, int limit) {
        in.reset(position, limit);
        opcode = null;
    }

    /** {@return whether the body or expression has no more bytes} */
    public boolean atEnd() {
        return in.atEnd();
    }

    /** {@return the byte offset in the module where the next operator starts} */
    public int position() {
        return in.position();
    }

    /** {@return the byte offset in the module of the operator last read} */
    public int offset() {
        return operatorOffset;
    }

    /** {@return the operator last read} */
    public Opcode opcode() {
        return opcode;
    }

    /**
     * Reads the next operator and its immediates.
     *
     * @return the operator
     * @throws WasmMalformedException if the bytes do not encode an operator
     */
    public Opcode next() {
        operatorOffset = in.position();
        int first = in.u8();
        Opcode op;
        if (first == Opcode.PREFIX_FC || first == Opcode.PREFIX_FD) {
            int sub = in.u32();
            Opcode[] table = first == Opcode.PREFIX_FC ? Opcode.Tables.FC : Opcode.Tables.FD;
            op = sub >= 0 && sub < table.length ? table[sub] : null;
        } else {
            op = Opcode.Tables.SINGLE[first];
            if (op == Opcode.LOCAL_GET || op == Opcode.LOCAL_SET || op == Opcode.LOCAL_TEE) {
                // local.get alone is a quarter of all operators in compiled code: no dispatch
                index = readIndex();
                opcode = op;
                return op;
            }
            if (op == Opcode.I32_CONST) { // the next most common
                literal = in.s32();
                opcode = op;
                return op;
            }
        }
        if (op == null || (op.feature() != null && !features.has(op.feature()))) {
            throw new WasmMalformedException("illegal opcode", operatorOffset);
        }
        if (op.immediate() != Immediate.NONE) {
            readImmediates(op);
        }
        opcode = op;
        return op;
    }

    private void readImmediates(Opcode op) {
        switch (op.immediate()) {
            case NONE -> { }
            case BLOCK_TYPE -> readBlockType();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM -> index = readIndex();
            case BR_TABLE -> readBranchTable();
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                index = readIndex();
                index2 = readIndex();
            }
            case MEMARG -> readMemArg();
            case MEMARG_LANE -> {
                readMemArg();
                lane = in.u8();
            }
            case MEMORY -> index = readMemoryIndex();
            case MEMORY_INIT -> {
                requireDataCount();
                index = readIndex();
                index2 = readMemoryIndex();
            }
            case DATA -> {
                requireDataCount();
                index = readIndex();
            }
            case MEMORY_COPY -> {
                index = readMemoryIndex();
                index2 = readMemoryIndex();
            }
            case I32 -> literal = in.s32();
            case I64 -> literal = in.s64();
            case F32 -> literal = in.fixedU32() & 0xFFFF_FFFFL;
            case F64 -> literal = in.fixedU64();
            case SELECT_TYPES -> readSelectTypes();
            case REF_TYPE -> refType = readRefType();
            case V128, SHUFFLE -> bytesOffset = in.skip(16);
            case LANE -> lane = in.u8();
        }
    }

    private int readIndex() {
        int value = in.u32();
        return value < 0 ? Integer.MAX_VALUE : value;
    }

    private void requireDataCount() {
        if (!dataIndicesAllowed) {
            throw new WasmMalformedException("data count section required", operatorOffset);
        }
    }

    private int readMemoryIndex() {
        if (features.multiMemory()) {
            return readIndex();
        }
        int start = in.position();
        if (in.u8() != 0) {
            throw new WasmMalformedException("zero byte expected", start);
        }
        return 0;
    }

    private void readMemArg() {
        int flagsOffset = in.position();
        int flags = in.u32();
        int memory = 0;
        if (multiMemory) {
            // Bit 6 of the flags says a memory index follows.
            if (flags < 0 || flags >= 128) {
                throw new WasmMalformedException("malformed memop flags", flagsOffset);
            }
            if ((flags & 0x40) != 0) {
                memory = readIndex();
                flags &= 0x3F;
            }
        } else if (flags < 0 || flags >= 32) {
            throw new WasmMalformedException("malformed memop flags", flagsOffset);
        }
        memoryAlignLog2 = flags;
        index = memory;
        memoryOffset = memory64 ? in.u64() : in.u32() & 0xFFFF_FFFFL;
    }

    private void readBlockType() {
        int b = in.peekU8();
        blockTypeIndex = -1;
        blockValType = null;
        if (b == 0x40) {
            in.u8();
            return;
        }
        ValType type = ValType.fromCode(b);
        if (type != null) {
            in.u8();
            blockValType = type;
            return;
        }
        int start = in.position();
        long typeIndex = in.s33();
        if (typeIndex < 0) {
            throw new WasmMalformedException("malformed block type", start);
        }
        blockTypeIndex = (int) Math.min(typeIndex, Integer.MAX_VALUE);
    }

    private void readBranchTable() {
        int count = in.vectorLength(1);
        if (branchTargets.length < count) {
            branchTargets = new int[Math.max(count, branchTargets.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            branchTargets[i] = readIndex();
        }
        branchTargetCount = count;
        index = readIndex();
    }

    private void readSelectTypes() {
        int count = in.vectorLength(1);
        selectTypeCount = count;
        selectType = null;
        for (int i = 0; i < count; i++) {
            ValType t = readValType(in);
            if (i == 0) {
                selectType = t;
            }
        }
    }

    private ValType readRefType() {
        int start = in.position();
        ValType t = ValType.fromCode(in.u8());
        if (t == null || !t.isReference()) {
            throw new WasmMalformedException("malformed reference type", start);
        }
        return t;
    }

    static ValType readValType(WasmReader in) {
        int start = in.position();
        ValType t = ValType.fromCode(in.u8());
        if (t == null) {
            throw new WasmMalformedException("malformed value type", start);
        }
        return t;
    }

    // ---- Immediates of the operator last read ----

    /**
     * {@return the index immediate: the label depth, function, local, global, table, type (of
     * {@code call_indirect}), element or data index, or the memory index of a memarg or memory
     * operator; for {@code br_table} the default label}
     */
    public int index() {
        return index;
    }

    /**
     * {@return the second index: the table of {@code call_indirect}, the memory of
     * {@code memory.init}, the table of {@code table.init}, the source of {@code table.copy}
     * and {@code memory.copy}}
     */
    public int index2() {
        return index2;
    }

    /** {@return the memory a memarg addresses (0 unless multi-memory gave another)} */
    public int memoryIndex() {
        return index;
    }

    /** {@return log2 of the alignment a memarg declares} */
    public int memoryAlignLog2() {
        return memoryAlignLog2;
    }

    /** {@return the static offset of a memarg (u32, or u64 with memory64)} */
    public long memoryOffset() {
        return memoryOffset;
    }

    /** {@return the lane index of a lane operator} */
    public int lane() {
        return lane;
    }

    /** {@return the value of {@code i32.const}} */
    public int i32Value() {
        return (int) literal;
    }

    /** {@return the value of {@code i64.const}} */
    public long i64Value() {
        return literal;
    }

    /** {@return the IEEE bits of {@code f32.const}} */
    public int f32Bits() {
        return (int) literal;
    }

    /** {@return the IEEE bits of {@code f64.const}} */
    public long f64Bits() {
        return literal;
    }

    /** {@return byte {@code i} (0-15) of a {@code v128.const} or the lane {@code i} of a shuffle} */
    public int vectorByte(int i) {
        return in.bytes()[bytesOffset + i] & 0xFF;
    }

    /** {@return the low 64 bits of a {@code v128.const}, little-endian} */
    public long v128Low() {
        return littleEndianLong(bytesOffset);
    }

    /** {@return the high 64 bits of a {@code v128.const}, little-endian} */
    public long v128High() {
        return littleEndianLong(bytesOffset + 8);
    }

    private long littleEndianLong(int at) {
        long v = 0;
        byte[] b = in.bytes();
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** {@return the type index of a block type given by index, or -1} */
    public int blockTypeIndex() {
        return blockTypeIndex;
    }

    /** {@return the single result type of a block, or {@code null} if empty or given by index} */
    public ValType blockValType() {
        return blockValType;
    }

    /** {@return the number of non-default targets of {@code br_table}} */
    public int branchTargetCount() {
        return branchTargetCount;
    }

    /** {@return target {@code i} of {@code br_table} (a label depth)} */
    public int branchTarget(int i) {
        return branchTargets[i];
    }

    /** {@return the default target of {@code br_table}} */
    public int branchDefault() {
        return index;
    }

    /** {@return how many types a typed {@code select} lists (1 is the only valid count)} */
    public int selectTypeCount() {
        return selectTypeCount;
    }

    /** {@return the type of a typed {@code select}, or {@code null} if it lists none} */
    public ValType selectType() {
        return selectType;
    }

    /** {@return the reference type of {@code ref.null}} */
    public ValType refType() {
        return refType;
    }
}
