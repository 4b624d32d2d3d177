package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64MacroAssembler.size;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;
import static dev.windlass.winch.codegen.x64.X64Registers.gpr;

import dev.windlass.winch.codegen.CodeGenContext;
import dev.windlass.winch.codegen.DivOp;
import dev.windlass.winch.codegen.IntUnaryOp;
import dev.windlass.winch.codegen.OperandSize;
import dev.windlass.winch.codegen.Reg;
import dev.windlass.winch.codegen.ShiftOp;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.CpuFeature;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.wasm.ValType;

/**
 * The integer operations with fixed registers or fallbacks on x86-64: bit counts (lzcnt, tzcnt,
 * popcnt, or bsr/bsf/SWAR on CPUs without them), sign extensions, shifts by cl, and division
 * (rax/rdx, with the zero-divisor and overflow traps).
 */
final class X64IntegerOps {

    private static final dev.windlass.winch.isa.x64.OperandSize S8 = dev.windlass.winch.isa.x64.OperandSize.S8;
    private static final dev.windlass.winch.isa.x64.OperandSize S16 = dev.windlass.winch.isa.x64.OperandSize.S16;
    private static final dev.windlass.winch.isa.x64.OperandSize S32 = dev.windlass.winch.isa.x64.OperandSize.S32;
    private static final dev.windlass.winch.isa.x64.OperandSize S64 = dev.windlass.winch.isa.x64.OperandSize.S64;

    private final X64Assembler asm;
    private final CodeBuffer buffer;
    private final X64MacroAssembler masm;

    X64IntegerOps(X64Assembler asm, X64MacroAssembler masm) {
        this.asm = asm;
        this.buffer = asm.buffer();
        this.masm = masm;
    }

    void unary(IntUnaryOp op, Gpr d, Gpr r, OperandSize size) {
        var s = size(size);
        int bits = size == OperandSize.S32 ? 32 : 64;
        switch (op) {
            case CLZ -> {
                if (asm.target().has(CpuFeature.LZCNT)) {
                    asm.lzcnt(s, d, r);
                } else {
                    // bsr gives the index of the highest set bit, and ZF when the input is 0.
                    asm.bsr(s, SCRATCH, r);
                    asm.mov(S64, d, -1L);
                    asm.cmov(S64, ConditionCode.E, SCRATCH, d);
                    asm.mov(s, d, bits - 1);
                    asm.sub(s, d, SCRATCH);
                }
            }
            case CTZ -> {
                if (asm.target().has(CpuFeature.BMI1)) {
                    asm.tzcnt(s, d, r);
                } else {
                    asm.bsf(s, SCRATCH, r);
                    asm.mov(S64, d, bits);
                    asm.cmov(S64, ConditionCode.E, SCRATCH, d);
                    asm.mov(S64, d, SCRATCH);
                }
            }
            case POPCNT -> {
                if (asm.target().has(CpuFeature.POPCNT)) {
                    asm.popcnt(s, d, r);
                } else {
                    popcntFallback(size, d, r);
                }
            }
            case EXTEND8_S -> asm.movsx(S8, s, d, r);
            case EXTEND16_S -> asm.movsx(S16, s, d, r);
            case EXTEND32_S -> asm.movsxd(d, r);
        }
    }

    /** The classic SWAR bit count, with the 64-bit masks read from the constant pool. */
    private void popcntFallback(OperandSize size, Gpr d, Gpr r) {
        var s = size(size);
        boolean wide = size == OperandSize.S64;
        if (d != r) {
            asm.mov(S64, d, r);
        }
        asm.mov(s, SCRATCH, d);
        asm.shr(s, SCRATCH, 1);
        andMask(s, SCRATCH, 0x5555555555555555L, wide);
        asm.sub(s, d, SCRATCH);
        asm.mov(s, SCRATCH, d);
        asm.shr(s, SCRATCH, 2);
        andMask(s, SCRATCH, 0x3333333333333333L, wide);
        andMask(s, d, 0x3333333333333333L, wide);
        asm.add(s, d, SCRATCH);
        asm.mov(s, SCRATCH, d);
        asm.shr(s, SCRATCH, 4);
        asm.add(s, d, SCRATCH);
        andMask(s, d, 0x0F0F0F0F0F0F0F0FL, wide);
        if (wide) {
            asm.imul(s, d, new Amode.RipRelative(buffer.constant64(0x0101010101010101L)));
            asm.shr(s, d, 56);
        } else {
            asm.imul(s, d, d, 0x01010101);
            asm.shr(s, d, 24);
        }
    }

    private void andMask(dev.windlass.winch.isa.x64.OperandSize s, Gpr dst, long mask, boolean wide) {
        if (wide) {
            asm.and(s, dst, new Amode.RipRelative(buffer.constant64(mask)));
        } else {
            asm.and(s, dst, (int) mask);
        }
    }

    void shift(CodeGenContext context, ShiftOp op, OperandSize size) {
        var s = size(size);
        ValType type = size == OperandSize.S32 ? ValType.I32 : ValType.I64;
        if (context.topIsConstant()) {
            int count = (int) context.popConstant() & (size == OperandSize.S32 ? 31 : 63);
            Reg value = context.popToReg(Reg.Bank.INT);
            Gpr d = gpr(value);
            switch (op) {
                case SHL -> asm.shl(s, d, count);
                case SHR_S -> asm.sar(s, d, count);
                case SHR_U -> asm.shr(s, d, count);
                case ROTL -> asm.rol(s, d, count);
                case ROTR -> asm.ror(s, d, count);
            }
            context.pushReg(type, value);
            return;
        }
        Reg rcx = X64Registers.reg(Gpr.RCX);
        context.claim(rcx);
        context.popInto(rcx);
        Reg value = context.popToReg(Reg.Bank.INT);
        Gpr d = gpr(value);
        switch (op) {
            case SHL -> asm.shl(s, d, Gpr.RCX);
            case SHR_S -> asm.sar(s, d, Gpr.RCX);
            case SHR_U -> asm.shr(s, d, Gpr.RCX);
            case ROTL -> asm.rol(s, d, Gpr.RCX);
            case ROTR -> asm.ror(s, d, Gpr.RCX);
        }
        context.free(rcx);
        context.pushReg(type, value);
    }

    void divide(CodeGenContext context, DivOp op, OperandSize size) {
        var s = size(size);
        ValType type = size == OperandSize.S32 ? ValType.I32 : ValType.I64;
        Reg rax = X64Registers.reg(Gpr.RAX);
        Reg rdx = X64Registers.reg(Gpr.RDX);
        context.claim(rax);
        context.claim(rdx);
        Reg divisorReg = context.popToReg(Reg.Bank.INT);
        context.popInto(rax);
        Gpr divisor = gpr(divisorReg);

        asm.test(s, divisor, divisor);
        asm.jcc(ConditionCode.E, masm.trapStub(TrapCode.INTEGER_DIVIDE_BY_ZERO));
        switch (op) {
            case DIV_S -> {
                Label divide = buffer.newLabel();
                asm.cmp(s, divisor, -1);
                asm.jcc(ConditionCode.NE, divide);
                if (size == OperandSize.S32) {
                    asm.cmp(s, Gpr.RAX, Integer.MIN_VALUE);
                } else {
                    asm.mov(S64, SCRATCH, Long.MIN_VALUE);
                    asm.cmp(s, Gpr.RAX, SCRATCH);
                }
                asm.jcc(ConditionCode.E, masm.trapStub(TrapCode.INTEGER_OVERFLOW));
                asm.bind(divide);
                signExtendRaxIntoRdx(size);
                asm.idiv(s, divisor);
            }
            case REM_S -> {
                // MIN % -1 would fault in idiv; its result is 0, as for any x % -1.
                Label divide = buffer.newLabel();
                Label done = buffer.newLabel();
                asm.cmp(s, divisor, -1);
                asm.jcc(ConditionCode.NE, divide);
                asm.mov(S32, Gpr.RDX, 0);
                asm.jmp(done);
                asm.bind(divide);
                signExtendRaxIntoRdx(size);
                asm.idiv(s, divisor);
                asm.bind(done);
            }
            case DIV_U, REM_U -> {
                asm.mov(S32, Gpr.RDX, 0);
                asm.div(s, divisor);
            }
        }
        context.free(divisorReg);
        boolean quotient = op == DivOp.DIV_S || op == DivOp.DIV_U;
        context.free(quotient ? rdx : rax);
        context.pushReg(type, quotient ? rax : rdx);
    }

    private void signExtendRaxIntoRdx(OperandSize size) {
        if (size == OperandSize.S32) {
            asm.cdq();
        } else {
            asm.cqo();
        }
    }

}
