package dev.windlass.winch.codegen;

/** The two-operand f32/f64 operations, with Wasm's NaN and signed-zero rules. */
public enum FloatBinaryOp {
    ADD, SUB, MUL, DIV,
    /** NaN if either operand is NaN; -0 is less than +0. */
    MIN,
    /** NaN if either operand is NaN; +0 is greater than -0. */
    MAX,
    /** The first operand's magnitude with the second's sign (a bit operation, NaNs included). */
    COPYSIGN
}
