package dev.windlass.winch.wasm;

/**
 * The type of a global variable.
 *
 * @param valType the value type
 * @param mutable whether {@code global.set} may change it
 */
public record GlobalType(ValType valType, boolean mutable) implements ExternType {

    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }

    @Override
    public String toString() {
        return "global " + (mutable ? "(mut " + valType + ")" : valType.toString());
    }
}
