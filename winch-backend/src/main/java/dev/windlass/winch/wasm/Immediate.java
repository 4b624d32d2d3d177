package dev.windlass.winch.wasm;

/** The shape of the immediates that follow an opcode in the binary format. */
public enum Immediate {
    /** Nothing follows. */
    NONE,
    /** A block type: empty, a value type, or a type index (s33). */
    BLOCK_TYPE,
    /** A label depth ({@code br}, {@code br_if}). */
    LABEL,
    /** A vector of label depths and a default ({@code br_table}). */
    BR_TABLE,
    /** A function index ({@code call}, {@code return_call}, {@code ref.func}). */
    FUNC,
    /** A type index and a table index ({@code call_indirect}, {@code return_call_indirect}). */
    CALL_INDIRECT,
    /** A local index. */
    LOCAL,
    /** A global index. */
    GLOBAL,
    /** A table index. */
    TABLE,
    /** Alignment, optional memory index, offset. */
    MEMARG,
    /** A memory index ({@code memory.size/grow/fill}): one zero byte without multi-memory. */
    MEMORY,
    /** A signed 32-bit LEB128. */
    I32,
    /** A signed 64-bit LEB128. */
    I64,
    /** Four bytes of an IEEE single. */
    F32,
    /** Eight bytes of an IEEE double. */
    F64,
    /** A vector of value types ({@code select t*}). */
    SELECT_TYPES,
    /** A reference type ({@code ref.null}). */
    REF_TYPE,
    /** A data index and a memory index ({@code memory.init}). */
    MEMORY_INIT,
    /** A data index ({@code data.drop}). */
    DATA,
    /** Destination and source memory indices ({@code memory.copy}). */
    MEMORY_COPY,
    /** An element index and a table index ({@code table.init}). */
    TABLE_INIT,
    /** An element index ({@code elem.drop}). */
    ELEM,
    /** Destination and source table indices ({@code table.copy}). */
    TABLE_COPY,
    /** Sixteen bytes ({@code v128.const}). */
    V128,
    /** Sixteen lane indices, each below 32 ({@code i8x16.shuffle}). */
    SHUFFLE,
    /** One lane index byte ({@code extract_lane}, {@code replace_lane}). */
    LANE,
    /** A memarg and a lane index ({@code v128.loadN_lane}, {@code v128.storeN_lane}). */
    MEMARG_LANE
}
