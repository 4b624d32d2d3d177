package dev.windlass.winch.codegen;

/** The one-operand integer operations: counts and sign extensions. */
public enum IntUnaryOp {
    CLZ, CTZ, POPCNT, EXTEND8_S, EXTEND16_S, EXTEND32_S
}
