package dev.windlass.winch.wasm;

/**
 * An imported function's type, given as an index into the module's type section.
 *
 * @param typeIndex index into {@link WasmModule#types()}
 */
public record FuncTypeRef(int typeIndex) implements ExternType {

    @Override
    public ExternKind kind() {
        return ExternKind.FUNC;
    }

    @Override
    public String toString() {
        return "func (type " + typeIndex + ")";
    }
}
