package dev.windlass.winch.codegen;

/** The two-operand integer operations that cannot trap and take a register or an immediate. */
public enum IntBinaryOp {
    ADD, SUB, MUL, AND, OR, XOR;

    /** {@return whether {@code a op b == b op a}, so a constant on the left may move right} */
    public boolean commutative() {
        return this != SUB;
    }
}
