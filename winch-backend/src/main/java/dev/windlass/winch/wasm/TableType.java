package dev.windlass.winch.wasm;

/**
 * A table: its element reference type and size limits.
 *
 * @param elementType {@link ValType#FUNCREF} or {@link ValType#EXTERNREF}
 * @param limits      in elements
 * @param is64        whether the table is indexed with i64 (table64, part of memory64)
 */
public record TableType(ValType elementType, Limits limits, boolean is64) implements ExternType {

    @Override
    public ExternKind kind() {
        return ExternKind.TABLE;
    }

    /** {@return the type of an index into this table} */
    public ValType indexType() {
        return is64 ? ValType.I64 : ValType.I32;
    }

    @Override
    public String toString() {
        return "table " + (is64 ? "i64 " : "") + elementType + " (" + limits + ")";
    }
}
