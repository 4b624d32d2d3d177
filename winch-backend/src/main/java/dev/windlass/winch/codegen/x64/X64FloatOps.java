package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.FLOAT_SCRATCH;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;

import dev.windlass.winch.codegen.FloatBinaryOp;
import dev.windlass.winch.codegen.FloatCondition;
import dev.windlass.winch.codegen.FloatUnaryOp;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.CpuFeature;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.RoundingMode;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.isa.x64.Xmm;
import dev.windlass.winch.wasm.UnsupportedFeatureException;

/**
 * f32/f64 arithmetic and comparisons on SSE registers, with Wasm's semantics where x86's differ:
 * min/max with NaNs and signed zeros, abs/neg/copysign as bit operations on NaNs too, and
 * comparisons that are false on unordered operands (except {@code ne}). Masks come from the
 * function's constant pool. Rounding needs SSE4.1, the baseline Windlass requires for floats.
 */
final class X64FloatOps {

    private final X64Assembler asm;
    private final CodeBuffer buffer;

    X64FloatOps(X64Assembler asm) {
        this.asm = asm;
        this.buffer = asm.buffer();
    }

    private Amode signMask(boolean wide) {
        return new Amode.RipRelative(wide ? buffer.constant64(Long.MIN_VALUE) : buffer.constant32(Integer.MIN_VALUE));
    }

    private Amode magnitudeMask(boolean wide) {
        return new Amode.RipRelative(wide ? buffer.constant64(Long.MAX_VALUE) : buffer.constant32(Integer.MAX_VALUE));
    }

    void binary(FloatBinaryOp op, Xmm d, Xmm s, boolean wide) {
        switch (op) {
            case ADD -> {
                if (wide) {
                    asm.addsd(d, s);
                } else {
                    asm.addss(d, s);
                }
            }
            case SUB -> {
                if (wide) {
                    asm.subsd(d, s);
                } else {
                    asm.subss(d, s);
                }
            }
            case MUL -> {
                if (wide) {
                    asm.mulsd(d, s);
                } else {
                    asm.mulss(d, s);
                }
            }
            case DIV -> {
                if (wide) {
                    asm.divsd(d, s);
                } else {
                    asm.divss(d, s);
                }
            }
            case MIN, MAX -> minMax(op == FloatBinaryOp.MIN, d, s, wide);
            case COPYSIGN -> {
                asm.movaps(FLOAT_SCRATCH, s);
                asm.andps(FLOAT_SCRATCH, signMask(wide));
                asm.andps(d, magnitudeMask(wide));
                asm.orps(d, FLOAT_SCRATCH);
            }
        }
    }

    /**
     * minss/maxss return the second operand when either is NaN or both are zero; Wasm wants a
     * NaN, and -0 &lt; +0. So: unordered operands are added (which yields a quiet NaN, an input
     * NaN's payload kept); equal ones are or-ed for min (-0 wins) and and-ed for max (+0 wins).
     */
    private void minMax(boolean min, Xmm d, Xmm s, boolean wide) {
        Label unordered = buffer.newLabel();
        Label differ = buffer.newLabel();
        Label done = buffer.newLabel();
        ucomi(d, s, wide);
        asm.jcc(ConditionCode.P, unordered);
        asm.jcc(ConditionCode.NE, differ);
        if (min) {
            asm.orps(d, s);
        } else {
            asm.andps(d, s);
        }
        asm.jmp(done);
        asm.bind(unordered);
        if (wide) {
            asm.addsd(d, s);
        } else {
            asm.addss(d, s);
        }
        asm.jmp(done);
        asm.bind(differ);
        if (min) {
            if (wide) {
                asm.minsd(d, s);
            } else {
                asm.minss(d, s);
            }
        } else if (wide) {
            asm.maxsd(d, s);
        } else {
            asm.maxss(d, s);
        }
        asm.bind(done);
    }

    void unary(FloatUnaryOp op, Xmm d, boolean wide) {
        switch (op) {
            case ABS -> asm.andps(d, magnitudeMask(wide));
            case NEG -> asm.xorps(d, signMask(wide));
            case SQRT -> {
                if (wide) {
                    asm.sqrtsd(d, d);
                } else {
                    asm.sqrtss(d, d);
                }
            }
            case CEIL -> round(d, RoundingMode.UP, wide, op);
            case FLOOR -> round(d, RoundingMode.DOWN, wide, op);
            case TRUNC -> round(d, RoundingMode.TRUNCATE, wide, op);
            case NEAREST -> round(d, RoundingMode.NEAREST, wide, op);
        }
    }

    private void round(Xmm d, RoundingMode mode, boolean wide, FloatUnaryOp op) {
        if (!asm.target().has(CpuFeature.SSE41)) {
            throw new UnsupportedFeatureException((wide ? "f64." : "f32.") + op.name().toLowerCase(java.util.Locale.ROOT)
                    + " on a CPU without SSE4.1");
        }
        if (wide) {
            asm.roundsd(d, d, mode);
        } else {
            asm.roundss(d, d, mode);
        }
    }

    /**
     * ucomis sets ZF, PF and CF (all three when unordered). "above" and "above or equal" are
     * false when unordered, so lt/le compare the operands swapped; eq and ne also look at PF.
     */
    void compare(FloatCondition condition, Gpr dst, Xmm left, Xmm right, boolean wide) {
        switch (condition) {
            case EQ, NE -> {
                ucomi(left, right, wide);
                boolean eq = condition == FloatCondition.EQ;
                asm.setcc(eq ? ConditionCode.E : ConditionCode.NE, dst);
                asm.setcc(eq ? ConditionCode.NP : ConditionCode.P, SCRATCH);
                if (eq) {
                    asm.and(OperandSize.S8, dst, SCRATCH);
                } else {
                    asm.or(OperandSize.S8, dst, SCRATCH);
                }
            }
            case GT -> setAfter(ConditionCode.A, dst, left, right, wide);
            case GE -> setAfter(ConditionCode.AE, dst, left, right, wide);
            case LT -> setAfter(ConditionCode.A, dst, right, left, wide);
            case LE -> setAfter(ConditionCode.AE, dst, right, left, wide);
        }
        asm.movzx(OperandSize.S8, OperandSize.S32, dst, dst);
    }

    private void setAfter(ConditionCode cc, Gpr dst, Xmm a, Xmm b, boolean wide) {
        ucomi(a, b, wide);
        asm.setcc(cc, dst);
    }

    void ucomi(Xmm a, Xmm b, boolean wide) {
        if (wide) {
            asm.ucomisd(a, b);
        } else {
            asm.ucomiss(a, b);
        }
    }

    void ucomi(Xmm a, Amode b, boolean wide) {
        if (wide) {
            asm.ucomisd(a, b);
        } else {
            asm.ucomiss(a, b);
        }
    }

    /** {@return the address of a pool constant holding {@code value} as an f32 or f64} */
    Amode constant(double value, boolean wide) {
        return new Amode.RipRelative(wide ? buffer.constant64(Double.doubleToRawLongBits(value))
                : buffer.constant32(Float.floatToRawIntBits((float) value)));
    }

    static Gpr scratch() {
        return SCRATCH;
    }
}
