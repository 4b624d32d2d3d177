package dev.windlass.winch.codegen;

/** The one-operand f32/f64 operations; ABS and NEG are bit operations, NaNs included. */
public enum FloatUnaryOp {
    ABS, NEG, SQRT, CEIL, FLOOR, TRUNC,
    /** Round to nearest, ties to even. */
    NEAREST
}
