package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.ValType;

/**
 * An entry of the code generator's value stack: where a Wasm operand lives right now. Values
 * stay lazy as long as they can: a constant is folded into an immediate when an instruction
 * takes one, a {@code local.get} reads the local's slot only when the value is used.
 */
sealed interface Val {

    /** {@return the Wasm type of the value} */
    ValType type();

    /** A constant, as raw bits (f32 in the low 32 bits, i32 sign-extended to 64). */
    record Const(ValType type, long bits) implements Val {
        int i32() {
            return (int) bits;
        }
    }

    /** The current value of local {@code index} (still in its frame slot). */
    record Local(ValType type, int index) implements Val {
    }

    /** A value held in a register, which the entry owns. */
    record InReg(ValType type, Reg reg) implements Val {
    }

    /**
     * A value spilled to its frame slot. Each stack position has its own slot
     * ({@link FrameLayout#spillSlot}), so the entry needs no more than its type.
     */
    record Spilled(ValType type) implements Val {
    }

    static Val.Const i32(int value) {
        return new Const(ValType.I32, value);
    }

    static Val.Const i64(long value) {
        return new Const(ValType.I64, value);
    }
}
