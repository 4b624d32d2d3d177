package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;

/**
 * The f32 and f64 operators: constants, arithmetic, comparisons, and the conversions between
 * floats and integers.
 */
final class FloatLowering {

    private static final OperandSize F32 = OperandSize.S32;
    private static final OperandSize F64 = OperandSize.S64;

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    FloatLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    /** Lowers {@code op}, one of the operators {@link FunctionCompiler} dispatches here. */
    void lower(Opcode op) {
        switch (op) {
            case F32_CONST -> context.push(new Val.Const(ValType.F32, fc.reader.f32Bits() & 0xFFFF_FFFFL));
            case F64_CONST -> context.push(new Val.Const(ValType.F64, fc.reader.f64Bits()));

            case F32_ADD -> binary(FloatBinaryOp.ADD, ValType.F32);
            case F32_SUB -> binary(FloatBinaryOp.SUB, ValType.F32);
            case F32_MUL -> binary(FloatBinaryOp.MUL, ValType.F32);
            case F32_DIV -> binary(FloatBinaryOp.DIV, ValType.F32);
            case F32_MIN -> binary(FloatBinaryOp.MIN, ValType.F32);
            case F32_MAX -> binary(FloatBinaryOp.MAX, ValType.F32);
            case F32_COPYSIGN -> binary(FloatBinaryOp.COPYSIGN, ValType.F32);
            case F64_ADD -> binary(FloatBinaryOp.ADD, ValType.F64);
            case F64_SUB -> binary(FloatBinaryOp.SUB, ValType.F64);
            case F64_MUL -> binary(FloatBinaryOp.MUL, ValType.F64);
            case F64_DIV -> binary(FloatBinaryOp.DIV, ValType.F64);
            case F64_MIN -> binary(FloatBinaryOp.MIN, ValType.F64);
            case F64_MAX -> binary(FloatBinaryOp.MAX, ValType.F64);
            case F64_COPYSIGN -> binary(FloatBinaryOp.COPYSIGN, ValType.F64);

            case F32_ABS -> unary(FloatUnaryOp.ABS, ValType.F32);
            case F32_NEG -> unary(FloatUnaryOp.NEG, ValType.F32);
            case F32_SQRT -> unary(FloatUnaryOp.SQRT, ValType.F32);
            case F32_CEIL -> unary(FloatUnaryOp.CEIL, ValType.F32);
            case F32_FLOOR -> unary(FloatUnaryOp.FLOOR, ValType.F32);
            case F32_TRUNC -> unary(FloatUnaryOp.TRUNC, ValType.F32);
            case F32_NEAREST -> unary(FloatUnaryOp.NEAREST, ValType.F32);
            case F64_ABS -> unary(FloatUnaryOp.ABS, ValType.F64);
            case F64_NEG -> unary(FloatUnaryOp.NEG, ValType.F64);
            case F64_SQRT -> unary(FloatUnaryOp.SQRT, ValType.F64);
            case F64_CEIL -> unary(FloatUnaryOp.CEIL, ValType.F64);
            case F64_FLOOR -> unary(FloatUnaryOp.FLOOR, ValType.F64);
            case F64_TRUNC -> unary(FloatUnaryOp.TRUNC, ValType.F64);
            case F64_NEAREST -> unary(FloatUnaryOp.NEAREST, ValType.F64);

            case F32_EQ -> compare(FloatCondition.EQ, F32);
            case F32_NE -> compare(FloatCondition.NE, F32);
            case F32_LT -> compare(FloatCondition.LT, F32);
            case F32_GT -> compare(FloatCondition.GT, F32);
            case F32_LE -> compare(FloatCondition.LE, F32);
            case F32_GE -> compare(FloatCondition.GE, F32);
            case F64_EQ -> compare(FloatCondition.EQ, F64);
            case F64_NE -> compare(FloatCondition.NE, F64);
            case F64_LT -> compare(FloatCondition.LT, F64);
            case F64_GT -> compare(FloatCondition.GT, F64);
            case F64_LE -> compare(FloatCondition.LE, F64);
            case F64_GE -> compare(FloatCondition.GE, F64);

            case F32_CONVERT_I32_S -> fromInt(OperandSize.S32, ValType.F32, true);
            case F32_CONVERT_I32_U -> fromInt(OperandSize.S32, ValType.F32, false);
            case F32_CONVERT_I64_S -> fromInt(OperandSize.S64, ValType.F32, true);
            case F32_CONVERT_I64_U -> fromInt(OperandSize.S64, ValType.F32, false);
            case F64_CONVERT_I32_S -> fromInt(OperandSize.S32, ValType.F64, true);
            case F64_CONVERT_I32_U -> fromInt(OperandSize.S32, ValType.F64, false);
            case F64_CONVERT_I64_S -> fromInt(OperandSize.S64, ValType.F64, true);
            case F64_CONVERT_I64_U -> fromInt(OperandSize.S64, ValType.F64, false);

            case I32_TRUNC_F32_S -> toInt(F32, ValType.I32, true, false);
            case I32_TRUNC_F32_U -> toInt(F32, ValType.I32, false, false);
            case I32_TRUNC_F64_S -> toInt(F64, ValType.I32, true, false);
            case I32_TRUNC_F64_U -> toInt(F64, ValType.I32, false, false);
            case I64_TRUNC_F32_S -> toInt(F32, ValType.I64, true, false);
            case I64_TRUNC_F32_U -> toInt(F32, ValType.I64, false, false);
            case I64_TRUNC_F64_S -> toInt(F64, ValType.I64, true, false);
            case I64_TRUNC_F64_U -> toInt(F64, ValType.I64, false, false);
            case I32_TRUNC_SAT_F32_S -> toInt(F32, ValType.I32, true, true);
            case I32_TRUNC_SAT_F32_U -> toInt(F32, ValType.I32, false, true);
            case I32_TRUNC_SAT_F64_S -> toInt(F64, ValType.I32, true, true);
            case I32_TRUNC_SAT_F64_U -> toInt(F64, ValType.I32, false, true);
            case I64_TRUNC_SAT_F32_S -> toInt(F32, ValType.I64, true, true);
            case I64_TRUNC_SAT_F32_U -> toInt(F32, ValType.I64, false, true);
            case I64_TRUNC_SAT_F64_S -> toInt(F64, ValType.I64, true, true);
            case I64_TRUNC_SAT_F64_U -> toInt(F64, ValType.I64, false, true);

            case F64_PROMOTE_F32 -> floatToFloat(ValType.F64);
            case F32_DEMOTE_F64 -> floatToFloat(ValType.F32);

            case I32_REINTERPRET_F32 -> reinterpret(ValType.I32);
            case I64_REINTERPRET_F64 -> reinterpret(ValType.I64);
            case F32_REINTERPRET_I32 -> reinterpret(ValType.F32);
            case F64_REINTERPRET_I64 -> reinterpret(ValType.F64);
            default -> throw new CodegenException("not a float operator: " + op);
        }
    }

    private void binary(FloatBinaryOp op, ValType type) {
        Reg right = context.popToReg(Reg.Bank.FLOAT);
        Reg left = context.popToReg(Reg.Bank.FLOAT);
        masm.floatBinary(op, left, right, OperandSize.of(type));
        context.free(right);
        context.pushReg(type, left);
    }

    private void unary(FloatUnaryOp op, ValType type) {
        Reg value = context.popToReg(Reg.Bank.FLOAT);
        masm.floatUnary(op, value, OperandSize.of(type));
        context.pushReg(type, value);
    }

    private void compare(FloatCondition condition, OperandSize size) {
        Reg right = context.popToReg(Reg.Bank.FLOAT);
        Reg left = context.popToReg(Reg.Bank.FLOAT);
        Reg result = context.allocate(Reg.Bank.INT);
        masm.floatCompare(condition, result, left, right, size);
        context.free(left);
        context.free(right);
        context.pushReg(ValType.I32, result);
    }

    private void fromInt(OperandSize from, ValType to, boolean signed) {
        Reg source = context.popToReg(Reg.Bank.INT);
        Reg result = context.allocate(Reg.Bank.FLOAT);
        masm.intToFloat(result, source, from, OperandSize.of(to), signed);
        context.free(source);
        context.pushReg(to, result);
    }

    private void toInt(OperandSize from, ValType to, boolean signed, boolean saturating) {
        Reg source = context.popToReg(Reg.Bank.FLOAT);
        Reg result = context.allocate(Reg.Bank.INT);
        masm.floatToInt(result, source, from, OperandSize.of(to), signed, saturating);
        context.free(source);
        context.pushReg(to, result);
    }

    private void floatToFloat(ValType to) {
        Reg value = context.popToReg(Reg.Bank.FLOAT);
        masm.floatToFloat(value, OperandSize.of(to));
        context.pushReg(to, value);
    }

    private void reinterpret(ValType to) {
        if (context.peek() instanceof Val.Const c) {
            context.pop();
            context.push(new Val.Const(to, c.bits()));
            return;
        }
        Reg.Bank toBank = CodeGenContext.bankOf(to);
        Reg source = context.popToReg(toBank == Reg.Bank.INT ? Reg.Bank.FLOAT : Reg.Bank.INT);
        Reg result = context.allocate(toBank);
        masm.moveBits(result, source, OperandSize.of(to));
        context.free(source);
        context.pushReg(to, result);
    }
}
