package dev.windlass.winch.wasm;

/**
 * The typing rules of memory, table and segment operators, whose operand types depend on the
 * memory or table they name (i32 or i64 addresses with memory64 and table64).
 */
final class MemoryAndTableRules {

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    private MemoryAndTableRules() {
    }

    /** Loads and stores, including the SIMD lane forms: memarg checks, then operands. */
    static void validateMemoryAccess(Opcode op, FunctionValidator v) {
        OperatorReader ops = v.ops();
        MemoryType memory = v.memory(ops.memoryIndex());
        if (ops.memoryAlignLog2() > op.naturalAlignmentLog2()) {
            throw v.invalid("alignment must not be larger than natural");
        }
        if (!memory.is64() && Long.compareUnsigned(ops.memoryOffset(), MAX_U32) > 0) {
            throw v.invalid("offset out of range");
        }
        if (op.immediate() == Immediate.MEMARG_LANE) {
            v.checkLanes(op);
        }
        v.popValues(op.params());
        v.popValue(memory.addressType());
        v.pushValues(op.results());
    }

    /** {@return whether {@code op} is one of the operators this class validates (it then has)} */
    static boolean validate(Opcode op, FunctionValidator v) {
        OperatorReader ops = v.ops();
        switch (op) {
            case MEMORY_SIZE -> v.pushValue(v.memory(ops.index()).addressType());
            case MEMORY_GROW -> {
                ValType address = v.memory(ops.index()).addressType();
                v.popValue(address);
                v.pushValue(address);
            }
            case MEMORY_FILL -> {
                ValType address = v.memory(ops.index()).addressType();
                v.popValue(address);
                v.popValue(ValType.I32);
                v.popValue(address);
            }
            case MEMORY_COPY -> {
                ValType destination = v.memory(ops.index()).addressType();
                ValType source = v.memory(ops.index2()).addressType();
                v.popValue(narrower(destination, source));
                v.popValue(source);
                v.popValue(destination);
            }
            case MEMORY_INIT -> {
                ValType address = v.memory(ops.index2()).addressType();
                dataSegment(v, ops.index());
                v.popValue(ValType.I32);
                v.popValue(ValType.I32);
                v.popValue(address);
            }
            case DATA_DROP -> dataSegment(v, ops.index());
            case TABLE_GET -> {
                TableType table = v.table(ops.index());
                v.popValue(table.indexType());
                v.pushValue(table.elementType());
            }
            case TABLE_SET -> {
                TableType table = v.table(ops.index());
                v.popValue(table.elementType());
                v.popValue(table.indexType());
            }
            case TABLE_SIZE -> v.pushValue(v.table(ops.index()).indexType());
            case TABLE_GROW -> {
                TableType table = v.table(ops.index());
                v.popValue(table.indexType());
                v.popValue(table.elementType());
                v.pushValue(table.indexType());
            }
            case TABLE_FILL -> {
                TableType table = v.table(ops.index());
                v.popValue(table.indexType());
                v.popValue(table.elementType());
                v.popValue(table.indexType());
            }
            case TABLE_COPY -> {
                TableType destination = v.table(ops.index());
                TableType source = v.table(ops.index2());
                if (source.elementType() != destination.elementType()) {
                    throw v.invalid("type mismatch: table.copy from " + source.elementType()
                            + " to " + destination.elementType());
                }
                v.popValue(narrower(destination.indexType(), source.indexType()));
                v.popValue(source.indexType());
                v.popValue(destination.indexType());
            }
            case TABLE_INIT -> {
                TableType table = v.table(ops.index2());
                ElementSegment segment = elementSegment(v, ops.index());
                if (segment.type() != table.elementType()) {
                    throw v.invalid("type mismatch: table.init of " + segment.type()
                            + " elements into a table of " + table.elementType());
                }
                v.popValue(ValType.I32);
                v.popValue(ValType.I32);
                v.popValue(table.indexType());
            }
            case ELEM_DROP -> elementSegment(v, ops.index());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The length operand of a copy between a 32- and a 64-bit memory or table is i32. */
    private static ValType narrower(ValType a, ValType b) {
        return a == ValType.I64 && b == ValType.I64 ? ValType.I64 : ValType.I32;
    }

    private static void dataSegment(FunctionValidator v, int index) {
        int count = v.module().dataCount().orElse(v.module().dataSegments().size());
        if (index >= count) {
            throw v.invalid("unknown data segment " + index);
        }
    }

    private static ElementSegment elementSegment(FunctionValidator v, int index) {
        if (index >= v.module().elementSegments().size()) {
            throw v.invalid("unknown elem segment " + index);
        }
        return v.module().elementSegments().get(index);
    }
}
