package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.FLOAT_SCRATCH;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;

import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.isa.x64.Xmm;
import dev.windlass.winch.vm.TrapCode;

/**
 * Conversions between integers and floats. x86 converts only signed integers, and its
 * truncations return the "integer indefinite" value (the minimum) for NaN and out-of-range
 * inputs; Wasm wants unsigned forms, traps (or saturation) that tell NaN from overflow, and the
 * minimum when it is the true result. The sequences below add exactly those checks, on the slow
 * path where possible.
 */
final class X64FloatConversions {

    private static final double TWO_POW_32 = 4294967296.0;
    private static final double TWO_POW_63 = 9223372036854775808.0;
    private static final double TWO_POW_64 = 18446744073709551616.0;

    private final X64Assembler asm;
    private final CodeBuffer buffer;
    private final X64MacroAssembler masm;
    private final X64FloatOps floats;

    X64FloatConversions(X64Assembler asm, X64MacroAssembler masm) {
        this.asm = asm;
        this.buffer = asm.buffer();
        this.masm = masm;
        this.floats = new X64FloatOps(asm);
    }

    private void cvtsi2(boolean toWide, OperandSize from, Xmm d, Gpr s) {
        if (toWide) {
            asm.cvtsi2sd(from, d, s);
        } else {
            asm.cvtsi2ss(from, d, s);
        }
    }

    private void cvtt2si(boolean fromWide, OperandSize to, Gpr d, Xmm s) {
        if (fromWide) {
            asm.cvttsd2si(to, d, s);
        } else {
            asm.cvttss2si(to, d, s);
        }
    }

    private Amode constant(double value, boolean wide) {
        return floats.constant(value, wide);
    }

    void intToFloat(Xmm d, Gpr s, boolean from64, boolean to64, boolean signed) {
        asm.xorps(d, d); // cvtsi2ss only writes the low lane: break the dependency on d
        if (signed) {
            cvtsi2(to64, from64 ? OperandSize.S64 : OperandSize.S32, d, s);
            return;
        }
        if (!from64) {
            asm.mov(OperandSize.S32, s, s); // zero-extend: every u32 is a non-negative i64
            cvtsi2(to64, OperandSize.S64, d, s);
            return;
        }
        // u64 with the top bit set: halve it (keeping the lowest bit, for correct rounding),
        // convert, double.
        Label big = buffer.newLabel();
        Label done = buffer.newLabel();
        asm.test(OperandSize.S64, s, s);
        asm.jcc(ConditionCode.S, big);
        cvtsi2(to64, OperandSize.S64, d, s);
        asm.jmp(done);
        asm.bind(big);
        asm.mov(OperandSize.S64, SCRATCH, s);
        asm.shr(OperandSize.S64, SCRATCH, 1);
        asm.and(OperandSize.S64, s, 1);
        asm.or(OperandSize.S64, SCRATCH, s);
        cvtsi2(to64, OperandSize.S64, d, SCRATCH);
        if (to64) {
            asm.addsd(d, d);
        } else {
            asm.addss(d, d);
        }
        asm.bind(done);
    }

    void floatToInt(Gpr d, Xmm s, boolean from64, boolean to64, boolean signed, boolean saturating) {
        if (signed) {
            signed(d, s, from64, to64, saturating);
        } else if (saturating) {
            unsignedSaturating(d, s, from64, to64);
        } else {
            unsignedTrapping(d, s, from64, to64);
        }
    }

    private void compareWithMinimum(Gpr d, boolean to64) {
        if (to64) {
            asm.mov(OperandSize.S64, SCRATCH, Long.MIN_VALUE);
            asm.cmp(OperandSize.S64, d, SCRATCH);
        } else {
            asm.cmp(OperandSize.S32, d, Integer.MIN_VALUE);
        }
    }

    private void signed(Gpr d, Xmm s, boolean from64, boolean to64, boolean saturating) {
        OperandSize size = to64 ? OperandSize.S64 : OperandSize.S32;
        Label done = buffer.newLabel();
        cvtt2si(from64, size, d, s);
        compareWithMinimum(d, to64);
        asm.jcc(ConditionCode.NE, done);
        // The minimum came out: a NaN, an overflow either way, or the true result.
        floats.ucomi(s, s, from64);
        if (saturating) {
            Label notNan = buffer.newLabel();
            asm.jcc(ConditionCode.NP, notNan);
            asm.mov(OperandSize.S32, d, 0);
            asm.jmp(done);
            asm.bind(notNan);
            asm.xorps(FLOAT_SCRATCH, FLOAT_SCRATCH);
            floats.ucomi(s, FLOAT_SCRATCH, from64);
            asm.jcc(ConditionCode.B, done); // negative: the minimum is right (saturated or exact)
            asm.mov(size, d, to64 ? Long.MAX_VALUE : Integer.MAX_VALUE);
        } else {
            asm.jcc(ConditionCode.P, masm.trapStub(TrapCode.INVALID_CONVERSION_TO_INTEGER));
            if (!to64 && from64) {
                // Every f64 in (-2^31 - 1, -2^31] truncates to -2^31 legitimately.
                floats.ucomi(s, constant(-2147483649.0, true), true);
                asm.jcc(ConditionCode.BE, masm.trapStub(TrapCode.INTEGER_OVERFLOW));
            } else {
                floats.ucomi(s, constant(to64 ? -TWO_POW_63 : -2147483648.0, from64), from64);
                asm.jcc(ConditionCode.B, masm.trapStub(TrapCode.INTEGER_OVERFLOW));
            }
            asm.xorps(FLOAT_SCRATCH, FLOAT_SCRATCH);
            floats.ucomi(s, FLOAT_SCRATCH, from64);
            asm.jcc(ConditionCode.AE, masm.trapStub(TrapCode.INTEGER_OVERFLOW)); // large positive
        }
        asm.bind(done);
    }

    private void unsignedTrapping(Gpr d, Xmm s, boolean from64, boolean to64) {
        floats.ucomi(s, s, from64);
        asm.jcc(ConditionCode.P, masm.trapStub(TrapCode.INVALID_CONVERSION_TO_INTEGER));
        floats.ucomi(s, constant(-1.0, from64), from64);
        asm.jcc(ConditionCode.BE, masm.trapStub(TrapCode.INTEGER_OVERFLOW));
        floats.ucomi(s, constant(to64 ? TWO_POW_64 : TWO_POW_32, from64), from64);
        asm.jcc(ConditionCode.AE, masm.trapStub(TrapCode.INTEGER_OVERFLOW));
        convertInRange(d, s, from64, to64);
    }

    private void unsignedSaturating(Gpr d, Xmm s, boolean from64, boolean to64) {
        Label zero = buffer.newLabel();
        Label max = buffer.newLabel();
        Label done = buffer.newLabel();
        asm.xorps(FLOAT_SCRATCH, FLOAT_SCRATCH);
        floats.ucomi(s, FLOAT_SCRATCH, from64);
        asm.jcc(ConditionCode.BE, zero); // NaN (unordered) and every value <= 0
        floats.ucomi(s, constant(to64 ? TWO_POW_64 : TWO_POW_32, from64), from64);
        asm.jcc(ConditionCode.AE, max);
        convertInRange(d, s, from64, to64);
        asm.jmp(done);
        asm.bind(zero);
        asm.mov(OperandSize.S32, d, 0);
        asm.jmp(done);
        asm.bind(max);
        if (to64) {
            asm.mov(OperandSize.S64, d, -1L);
        } else {
            asm.mov(OperandSize.S32, d, -1);
        }
        asm.bind(done);
    }

    /** Truncates {@code s}, known to lie in (-1, 2^32) or (-1, 2^64), to an unsigned integer. */
    private void convertInRange(Gpr d, Xmm s, boolean from64, boolean to64) {
        if (!to64) {
            cvtt2si(from64, OperandSize.S64, d, s);
            asm.mov(OperandSize.S32, d, d);
            return;
        }
        Label big = buffer.newLabel();
        Label done = buffer.newLabel();
        floats.ucomi(s, constant(TWO_POW_63, from64), from64);
        asm.jcc(ConditionCode.AE, big);
        cvtt2si(from64, OperandSize.S64, d, s);
        asm.jmp(done);
        asm.bind(big);
        asm.movaps(FLOAT_SCRATCH, s);
        if (from64) {
            asm.subsd(FLOAT_SCRATCH, constant(TWO_POW_63, true));
        } else {
            asm.subss(FLOAT_SCRATCH, constant(TWO_POW_63, false));
        }
        cvtt2si(from64, OperandSize.S64, d, FLOAT_SCRATCH);
        asm.mov(OperandSize.S64, SCRATCH, Long.MIN_VALUE);
        asm.xor(OperandSize.S64, d, SCRATCH);
        asm.bind(done);
    }
}
