package dev.windlass.winch.wasm;

/**
 * A linear memory: its size limits in 64 KiB pages.
 *
 * @param limits in pages
 * @param is64   whether addresses are i64 (memory64)
 * @param shared whether the memory is shared (threads proposal; never valid without it)
 */
public record MemoryType(Limits limits, boolean is64, boolean shared) implements ExternType {

    /** Bytes in one Wasm page. */
    public static final int PAGE_SIZE = 65536;

    @Override
    public ExternKind kind() {
        return ExternKind.MEMORY;
    }

    /** {@return the type of an address into this memory} */
    public ValType addressType() {
        return is64 ? ValType.I64 : ValType.I32;
    }

    @Override
    public String toString() {
        return "memory " + (is64 ? "i64 " : "") + "(" + limits + ")" + (shared ? " shared" : "");
    }
}
