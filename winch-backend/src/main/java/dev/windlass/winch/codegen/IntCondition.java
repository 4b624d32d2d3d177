package dev.windlass.winch.codegen;

/** The outcome of an integer comparison, as Wasm's relational operators name it. */
public enum IntCondition {
    EQ, NE, LT_S, LT_U, GT_S, GT_U, LE_S, LE_U, GE_S, GE_U;

    /** {@return the condition that holds exactly when this one does not} */
    public IntCondition negate() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case LT_S -> GE_S;
            case LT_U -> GE_U;
            case GT_S -> LE_S;
            case GT_U -> LE_U;
            case LE_S -> GT_S;
            case LE_U -> GT_U;
            case GE_S -> LT_S;
            case GE_U -> LT_U;
        };
    }

    /** {@return the condition on swapped operands: {@code a < b} is {@code b > a}} */
    public IntCondition swap() {
        return switch (this) {
            case EQ, NE -> this;
            case LT_S -> GT_S;
            case LT_U -> GT_U;
            case GT_S -> LT_S;
            case GT_U -> LT_U;
            case LE_S -> GE_S;
            case LE_U -> GE_U;
            case GE_S -> LE_S;
            case GE_U -> LE_U;
        };
    }
}
