package dev.windlass.winch.wasm;

/**
 * The type of something a module imports: a function (by type index), table, memory or global.
 */
public sealed interface ExternType permits FuncTypeRef, TableType, MemoryType, GlobalType {

    /** {@return which of the four kinds this is} */
    ExternKind kind();
}
