package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.ValType;

/** The width of an integer operation: Wasm's i32 and i64. */
public enum OperandSize {
    S32,
    S64;

    /** {@return the size of values of {@code type}}: S32 for i32 and f32, S64 otherwise */
    public static OperandSize of(ValType type) {
        return type == ValType.I32 || type == ValType.F32 ? S32 : S64;
    }
}
