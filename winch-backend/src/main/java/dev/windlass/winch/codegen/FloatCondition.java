package dev.windlass.winch.codegen;

/** f32/f64 comparisons: false when an operand is NaN, except NE, which is then true. */
public enum FloatCondition {
    EQ, NE, LT, GT, LE, GE
}
