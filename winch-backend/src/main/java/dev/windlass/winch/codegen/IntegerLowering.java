package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;

/**
 * The i32 and i64 operators: constants, arithmetic, comparisons, counts, shifts, division,
 * conversions between the two, and {@code select}. Operations on two constants are folded;
 * a constant right operand becomes an immediate when the instruction takes one.
 */
final class IntegerLowering {

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    IntegerLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    /** Lowers {@code op}, one of the operators {@link FunctionCompiler} dispatches here. */
    void lower(Opcode op) {
        switch (op) {
            case I32_CONST -> context.push(Val.i32(fc.reader.i32Value()));
            case I64_CONST -> context.push(Val.i64(fc.reader.i64Value()));

            case I32_ADD -> binary(IntBinaryOp.ADD, ValType.I32);
            case I32_SUB -> binary(IntBinaryOp.SUB, ValType.I32);
            case I32_MUL -> binary(IntBinaryOp.MUL, ValType.I32);
            case I32_AND -> binary(IntBinaryOp.AND, ValType.I32);
            case I32_OR -> binary(IntBinaryOp.OR, ValType.I32);
            case I32_XOR -> binary(IntBinaryOp.XOR, ValType.I32);
            case I64_ADD -> binary(IntBinaryOp.ADD, ValType.I64);
            case I64_SUB -> binary(IntBinaryOp.SUB, ValType.I64);
            case I64_MUL -> binary(IntBinaryOp.MUL, ValType.I64);
            case I64_AND -> binary(IntBinaryOp.AND, ValType.I64);
            case I64_OR -> binary(IntBinaryOp.OR, ValType.I64);
            case I64_XOR -> binary(IntBinaryOp.XOR, ValType.I64);

            case I32_EQZ -> eqz(OperandSize.S32);
            case I64_EQZ -> eqz(OperandSize.S64);
            case I32_EQ -> compare(IntCondition.EQ, OperandSize.S32);
            case I32_NE -> compare(IntCondition.NE, OperandSize.S32);
            case I32_LT_S -> compare(IntCondition.LT_S, OperandSize.S32);
            case I32_LT_U -> compare(IntCondition.LT_U, OperandSize.S32);
            case I32_GT_S -> compare(IntCondition.GT_S, OperandSize.S32);
            case I32_GT_U -> compare(IntCondition.GT_U, OperandSize.S32);
            case I32_LE_S -> compare(IntCondition.LE_S, OperandSize.S32);
            case I32_LE_U -> compare(IntCondition.LE_U, OperandSize.S32);
            case I32_GE_S -> compare(IntCondition.GE_S, OperandSize.S32);
            case I32_GE_U -> compare(IntCondition.GE_U, OperandSize.S32);
            case I64_EQ -> compare(IntCondition.EQ, OperandSize.S64);
            case I64_NE -> compare(IntCondition.NE, OperandSize.S64);
            case I64_LT_S -> compare(IntCondition.LT_S, OperandSize.S64);
            case I64_LT_U -> compare(IntCondition.LT_U, OperandSize.S64);
            case I64_GT_S -> compare(IntCondition.GT_S, OperandSize.S64);
            case I64_GT_U -> compare(IntCondition.GT_U, OperandSize.S64);
            case I64_LE_S -> compare(IntCondition.LE_S, OperandSize.S64);
            case I64_LE_U -> compare(IntCondition.LE_U, OperandSize.S64);
            case I64_GE_S -> compare(IntCondition.GE_S, OperandSize.S64);
            case I64_GE_U -> compare(IntCondition.GE_U, OperandSize.S64);

            case I32_CLZ -> unary(IntUnaryOp.CLZ, ValType.I32);
            case I32_CTZ -> unary(IntUnaryOp.CTZ, ValType.I32);
            case I32_POPCNT -> unary(IntUnaryOp.POPCNT, ValType.I32);
            case I64_CLZ -> unary(IntUnaryOp.CLZ, ValType.I64);
            case I64_CTZ -> unary(IntUnaryOp.CTZ, ValType.I64);
            case I64_POPCNT -> unary(IntUnaryOp.POPCNT, ValType.I64);
            case I32_EXTEND8_S -> unary(IntUnaryOp.EXTEND8_S, ValType.I32);
            case I32_EXTEND16_S -> unary(IntUnaryOp.EXTEND16_S, ValType.I32);
            case I64_EXTEND8_S -> unary(IntUnaryOp.EXTEND8_S, ValType.I64);
            case I64_EXTEND16_S -> unary(IntUnaryOp.EXTEND16_S, ValType.I64);
            case I64_EXTEND32_S -> unary(IntUnaryOp.EXTEND32_S, ValType.I64);

            case I32_SHL -> masm.shift(context, ShiftOp.SHL, OperandSize.S32);
            case I32_SHR_S -> masm.shift(context, ShiftOp.SHR_S, OperandSize.S32);
            case I32_SHR_U -> masm.shift(context, ShiftOp.SHR_U, OperandSize.S32);
            case I32_ROTL -> masm.shift(context, ShiftOp.ROTL, OperandSize.S32);
            case I32_ROTR -> masm.shift(context, ShiftOp.ROTR, OperandSize.S32);
            case I64_SHL -> masm.shift(context, ShiftOp.SHL, OperandSize.S64);
            case I64_SHR_S -> masm.shift(context, ShiftOp.SHR_S, OperandSize.S64);
            case I64_SHR_U -> masm.shift(context, ShiftOp.SHR_U, OperandSize.S64);
            case I64_ROTL -> masm.shift(context, ShiftOp.ROTL, OperandSize.S64);
            case I64_ROTR -> masm.shift(context, ShiftOp.ROTR, OperandSize.S64);

            case I32_DIV_S -> masm.divide(context, DivOp.DIV_S, OperandSize.S32);
            case I32_DIV_U -> masm.divide(context, DivOp.DIV_U, OperandSize.S32);
            case I32_REM_S -> masm.divide(context, DivOp.REM_S, OperandSize.S32);
            case I32_REM_U -> masm.divide(context, DivOp.REM_U, OperandSize.S32);
            case I64_DIV_S -> masm.divide(context, DivOp.DIV_S, OperandSize.S64);
            case I64_DIV_U -> masm.divide(context, DivOp.DIV_U, OperandSize.S64);
            case I64_REM_S -> masm.divide(context, DivOp.REM_S, OperandSize.S64);
            case I64_REM_U -> masm.divide(context, DivOp.REM_U, OperandSize.S64);

            case I32_WRAP_I64 -> convert(ValType.I32, false);
            case I64_EXTEND_I32_U -> convert(ValType.I64, false);
            case I64_EXTEND_I32_S -> convert(ValType.I64, true);
            default -> throw new CodegenException("not an integer operator: " + op);
        }
    }

    private void binary(IntBinaryOp op, ValType type) {
        OperandSize size = OperandSize.of(type);
        Val rhs = context.peek();
        if (rhs instanceof Val.Const r && context.stack().peek(1) instanceof Val.Const l) {
            context.pop();
            context.pop();
            context.push(new Val.Const(type, fold(op, l.bits(), r.bits(), size)));
            return;
        }
        if (rhs instanceof Val.Const r && fitsImmediate(r, size)) {
            context.pop();
            Reg lhs = context.popToReg(Reg.Bank.INT);
            masm.intBinaryImmediate(op, lhs, (int) r.bits(), size);
            context.pushReg(type, lhs);
            return;
        }
        Reg right = context.popToReg(Reg.Bank.INT);
        Reg left = context.popToReg(Reg.Bank.INT);
        masm.intBinary(op, left, right, size);
        context.free(right);
        context.pushReg(type, left);
    }

    private static long fold(IntBinaryOp op, long a, long b, OperandSize size) {
        long result = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
        };
        return size == OperandSize.S32 ? (int) result : result;
    }

    private static boolean fitsImmediate(Val.Const c, OperandSize size) {
        return size == OperandSize.S32 || c.bits() == (int) c.bits();
    }

    private void compare(IntCondition condition, OperandSize size) {
        Val rhs = context.peek();
        Reg left;
        if (rhs instanceof Val.Const r && fitsImmediate(r, size)) {
            context.pop();
            left = context.popToReg(Reg.Bank.INT);
            masm.compareImmediate(left, (int) r.bits(), size);
        } else {
            Reg right = context.popToReg(Reg.Bank.INT);
            left = context.popToReg(Reg.Bank.INT);
            masm.compare(left, right, size);
            context.free(right);
        }
        masm.setIf(condition, left);
        context.pushReg(ValType.I32, left);
    }

    private void eqz(OperandSize size) {
        Reg value = context.popToReg(Reg.Bank.INT);
        masm.compareImmediate(value, 0, size);
        masm.setIf(IntCondition.EQ, value);
        context.pushReg(ValType.I32, value);
    }

    private void unary(IntUnaryOp op, ValType type) {
        Reg value = context.popToReg(Reg.Bank.INT);
        masm.intUnary(op, value, value, OperandSize.of(type));
        context.pushReg(type, value);
    }

    private void convert(ValType to, boolean signed) {
        if (context.peek() instanceof Val.Const c) {
            context.pop();
            long bits = to == ValType.I32 ? (int) c.bits() : signed ? (long) (int) c.bits() : c.bits() & 0xFFFF_FFFFL;
            context.push(new Val.Const(to, bits));
            return;
        }
        Reg value = context.popToReg(Reg.Bank.INT);
        if (signed) {
            masm.signExtend32(value, value);
        } else {
            masm.zeroExtend32(value, value);
        }
        context.pushReg(to, value);
    }

    /** {@code select}: the first operand if the condition is non-zero, else the second. */
    void select() {
        Reg condition = context.popToReg(Reg.Bank.INT);
        ValType type = context.peek().type();
        fc.requireScalar(type, "select");
        Reg.Bank bank = CodeGenContext.bankOf(type);
        Reg second = context.popToReg(bank);
        Reg first = context.popToReg(bank);
        masm.compareImmediate(condition, 0, OperandSize.S32);
        masm.moveIf(IntCondition.EQ, first, second, OperandSize.of(type));
        context.free(second);
        context.free(condition);
        context.pushReg(type, first);
    }
}
