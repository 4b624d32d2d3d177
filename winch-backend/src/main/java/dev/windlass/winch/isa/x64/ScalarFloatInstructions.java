package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.OperandSize.S64;

import dev.windlass.winch.isa.CodeBuffer;

/**
 * SSE2 and SSE4.1 instructions for scalar floating point, and the 128-bit logic and moves that
 * Wasm's {@code abs}, {@code neg} and {@code copysign} use. {@code ss} forms work on the low
 * float of an xmm register, {@code sd} forms on the low double; memory operands of {@code ss}
 * forms are 32 bits, of {@code sd} forms 64 bits and of the packed ({@code ps}/{@code pd},
 * {@code pxor}, {@code movaps}) forms 128 bits, which must be 16-byte aligned except for
 * {@code movdqu}. A layer of {@link X64Assembler}; see there for the conventions.
 */
abstract sealed class ScalarFloatInstructions extends AluInstructions permits X64Assembler {

    private static final int NONE = 0;
    private static final int PD = 0x66;
    private static final int SD = 0xF2;
    private static final int SS = 0xF3;

    ScalarFloatInstructions(CodeBuffer buffer, Target target) {
        super(buffer, target);
    }

    // ---- moves ----

    /** {@code movss dst, src}: copies the low float; the rest of dst is kept. */
    public final void movss(Xmm dst, Xmm src) { sse(SS, 0x0F10, dst, src); }
    /** {@code movss dst, [src]}: loads a float and zeroes the rest of dst. */
    public final void movss(Xmm dst, Amode src) { sse(SS, 0x0F10, dst, src); }
    /** {@code movss [dst], src}: stores the low float. */
    public final void movss(Amode dst, Xmm src) { sse(SS, 0x0F11, src, dst); }

    /** {@code movsd dst, src}: copies the low double; the rest of dst is kept. */
    public final void movsd(Xmm dst, Xmm src) { sse(SD, 0x0F10, dst, src); }
    /** {@code movsd dst, [src]}: loads a double and zeroes the rest of dst. */
    public final void movsd(Xmm dst, Amode src) { sse(SD, 0x0F10, dst, src); }
    /** {@code movsd [dst], src}: stores the low double. */
    public final void movsd(Amode dst, Xmm src) { sse(SD, 0x0F11, src, dst); }

    /** {@code movd dst, src}: 32 bits from a general-purpose register, rest of dst zeroed. */
    public final void movd(Xmm dst, Gpr src) { emitRegReg(PD, 0, false, 0x0F6E, dst.ordinal(), src.ordinal()); }
    /** {@code movd dst, src}: the low 32 bits of an xmm register, upper half of dst zeroed. */
    public final void movd(Gpr dst, Xmm src) { emitRegReg(PD, 0, false, 0x0F7E, src.ordinal(), dst.ordinal()); }
    /** {@code movq dst, src}: 64 bits from a general-purpose register, rest of dst zeroed. */
    public final void movq(Xmm dst, Gpr src) { emitRegReg(PD, REX_W, false, 0x0F6E, dst.ordinal(), src.ordinal()); }
    /** {@code movq dst, src}: the low 64 bits of an xmm register. */
    public final void movq(Gpr dst, Xmm src) { emitRegReg(PD, REX_W, false, 0x0F7E, src.ordinal(), dst.ordinal()); }

    /** {@code movaps dst, src}: all 128 bits. */
    public final void movaps(Xmm dst, Xmm src) { sse(NONE, 0x0F28, dst, src); }
    public final void movaps(Xmm dst, Amode src) { sse(NONE, 0x0F28, dst, src); }
    public final void movaps(Amode dst, Xmm src) { sse(NONE, 0x0F29, src, dst); }
    public final void movapd(Xmm dst, Xmm src) { sse(PD, 0x0F28, dst, src); }
    public final void movapd(Xmm dst, Amode src) { sse(PD, 0x0F28, dst, src); }
    public final void movapd(Amode dst, Xmm src) { sse(PD, 0x0F29, src, dst); }

    /** {@code movdqu dst, [src]}: an unaligned 128-bit load. */
    public final void movdqu(Xmm dst, Amode src) { sse(SS, 0x0F6F, dst, src); }
    /** {@code movdqu [dst], src}: an unaligned 128-bit store. */
    public final void movdqu(Amode dst, Xmm src) { sse(SS, 0x0F7F, src, dst); }

    // ---- arithmetic: dst = dst op src ----

    public final void addss(Xmm dst, Xmm src) { sse(SS, 0x0F58, dst, src); }
    public final void addss(Xmm dst, Amode src) { sse(SS, 0x0F58, dst, src); }
    public final void addsd(Xmm dst, Xmm src) { sse(SD, 0x0F58, dst, src); }
    public final void addsd(Xmm dst, Amode src) { sse(SD, 0x0F58, dst, src); }
    public final void subss(Xmm dst, Xmm src) { sse(SS, 0x0F5C, dst, src); }
    public final void subss(Xmm dst, Amode src) { sse(SS, 0x0F5C, dst, src); }
    public final void subsd(Xmm dst, Xmm src) { sse(SD, 0x0F5C, dst, src); }
    public final void subsd(Xmm dst, Amode src) { sse(SD, 0x0F5C, dst, src); }
    public final void mulss(Xmm dst, Xmm src) { sse(SS, 0x0F59, dst, src); }
    public final void mulss(Xmm dst, Amode src) { sse(SS, 0x0F59, dst, src); }
    public final void mulsd(Xmm dst, Xmm src) { sse(SD, 0x0F59, dst, src); }
    public final void mulsd(Xmm dst, Amode src) { sse(SD, 0x0F59, dst, src); }
    public final void divss(Xmm dst, Xmm src) { sse(SS, 0x0F5E, dst, src); }
    public final void divss(Xmm dst, Amode src) { sse(SS, 0x0F5E, dst, src); }
    public final void divsd(Xmm dst, Xmm src) { sse(SD, 0x0F5E, dst, src); }
    public final void divsd(Xmm dst, Amode src) { sse(SD, 0x0F5E, dst, src); }
    /** {@code sqrtss dst, src}: dst = sqrt(src). */
    public final void sqrtss(Xmm dst, Xmm src) { sse(SS, 0x0F51, dst, src); }
    public final void sqrtss(Xmm dst, Amode src) { sse(SS, 0x0F51, dst, src); }
    public final void sqrtsd(Xmm dst, Xmm src) { sse(SD, 0x0F51, dst, src); }
    public final void sqrtsd(Xmm dst, Amode src) { sse(SD, 0x0F51, dst, src); }
    /** {@code minss dst, src}: x86 semantics (src if either is NaN or both are zero), not Wasm's. */
    public final void minss(Xmm dst, Xmm src) { sse(SS, 0x0F5D, dst, src); }
    public final void minss(Xmm dst, Amode src) { sse(SS, 0x0F5D, dst, src); }
    public final void minsd(Xmm dst, Xmm src) { sse(SD, 0x0F5D, dst, src); }
    public final void minsd(Xmm dst, Amode src) { sse(SD, 0x0F5D, dst, src); }
    /** {@code maxss dst, src}: x86 semantics (src if either is NaN or both are zero), not Wasm's. */
    public final void maxss(Xmm dst, Xmm src) { sse(SS, 0x0F5F, dst, src); }
    public final void maxss(Xmm dst, Amode src) { sse(SS, 0x0F5F, dst, src); }
    public final void maxsd(Xmm dst, Xmm src) { sse(SD, 0x0F5F, dst, src); }
    public final void maxsd(Xmm dst, Amode src) { sse(SD, 0x0F5F, dst, src); }

    // ---- comparison: ZF, PF, CF; PF set means unordered ----

    public final void ucomiss(Xmm left, Xmm right) { sse(NONE, 0x0F2E, left, right); }
    public final void ucomiss(Xmm left, Amode right) { sse(NONE, 0x0F2E, left, right); }
    public final void ucomisd(Xmm left, Xmm right) { sse(PD, 0x0F2E, left, right); }
    public final void ucomisd(Xmm left, Amode right) { sse(PD, 0x0F2E, left, right); }

    // ---- conversions ----

    /** {@code cvtsi2ss dst, src}: a signed {@code size}-bit (S32 or S64) integer to float. */
    public final void cvtsi2ss(OperandSize size, Xmm dst, Gpr src) { intToFloat(SS, size, dst, src); }
    public final void cvtsi2ss(OperandSize size, Xmm dst, Amode src) { intToFloat(SS, size, dst, src); }
    /** {@code cvtsi2sd dst, src}: a signed {@code size}-bit (S32 or S64) integer to double. */
    public final void cvtsi2sd(OperandSize size, Xmm dst, Gpr src) { intToFloat(SD, size, dst, src); }
    public final void cvtsi2sd(OperandSize size, Xmm dst, Amode src) { intToFloat(SD, size, dst, src); }

    /**
     * {@code cvttss2si dst, src}: float to signed {@code size}-bit (S32 or S64) integer, truncating;
     * NaN and out-of-range values give the "integer indefinite" value (the minimum integer).
     */
    public final void cvttss2si(OperandSize size, Gpr dst, Xmm src) { floatToInt(SS, size, dst, src); }
    public final void cvttss2si(OperandSize size, Gpr dst, Amode src) { floatToInt(SS, size, dst, src); }
    /** {@code cvttsd2si dst, src}: double to signed integer, truncating; see {@code cvttss2si}. */
    public final void cvttsd2si(OperandSize size, Gpr dst, Xmm src) { floatToInt(SD, size, dst, src); }
    public final void cvttsd2si(OperandSize size, Gpr dst, Amode src) { floatToInt(SD, size, dst, src); }

    public final void cvtss2sd(Xmm dst, Xmm src) { sse(SS, 0x0F5A, dst, src); }
    public final void cvtss2sd(Xmm dst, Amode src) { sse(SS, 0x0F5A, dst, src); }
    public final void cvtsd2ss(Xmm dst, Xmm src) { sse(SD, 0x0F5A, dst, src); }
    public final void cvtsd2ss(Xmm dst, Amode src) { sse(SD, 0x0F5A, dst, src); }

    // ---- rounding (SSE4.1) ----

    /** {@code roundss dst, src, mode}: needs {@link CpuFeature#SSE41}. */
    public final void roundss(Xmm dst, Xmm src, RoundingMode mode) { round(0x0F3A0A, "roundss", dst, src, mode); }
    public final void roundss(Xmm dst, Amode src, RoundingMode mode) { round(0x0F3A0A, "roundss", dst, src, mode); }
    /** {@code roundsd dst, src, mode}: needs {@link CpuFeature#SSE41}. */
    public final void roundsd(Xmm dst, Xmm src, RoundingMode mode) { round(0x0F3A0B, "roundsd", dst, src, mode); }
    public final void roundsd(Xmm dst, Amode src, RoundingMode mode) { round(0x0F3A0B, "roundsd", dst, src, mode); }

    // ---- 128-bit logic: dst = dst op src (andn: dst = ~dst & src) ----

    public final void andps(Xmm dst, Xmm src) { sse(NONE, 0x0F54, dst, src); }
    public final void andps(Xmm dst, Amode src) { sse(NONE, 0x0F54, dst, src); }
    public final void andnps(Xmm dst, Xmm src) { sse(NONE, 0x0F55, dst, src); }
    public final void andnps(Xmm dst, Amode src) { sse(NONE, 0x0F55, dst, src); }
    public final void orps(Xmm dst, Xmm src) { sse(NONE, 0x0F56, dst, src); }
    public final void orps(Xmm dst, Amode src) { sse(NONE, 0x0F56, dst, src); }
    public final void xorps(Xmm dst, Xmm src) { sse(NONE, 0x0F57, dst, src); }
    public final void xorps(Xmm dst, Amode src) { sse(NONE, 0x0F57, dst, src); }
    public final void andpd(Xmm dst, Xmm src) { sse(PD, 0x0F54, dst, src); }
    public final void andpd(Xmm dst, Amode src) { sse(PD, 0x0F54, dst, src); }
    public final void andnpd(Xmm dst, Xmm src) { sse(PD, 0x0F55, dst, src); }
    public final void andnpd(Xmm dst, Amode src) { sse(PD, 0x0F55, dst, src); }
    public final void orpd(Xmm dst, Xmm src) { sse(PD, 0x0F56, dst, src); }
    public final void orpd(Xmm dst, Amode src) { sse(PD, 0x0F56, dst, src); }
    public final void xorpd(Xmm dst, Xmm src) { sse(PD, 0x0F57, dst, src); }
    public final void xorpd(Xmm dst, Amode src) { sse(PD, 0x0F57, dst, src); }
    public final void pxor(Xmm dst, Xmm src) { sse(PD, 0x0FEF, dst, src); }
    public final void pxor(Xmm dst, Amode src) { sse(PD, 0x0FEF, dst, src); }

    // ---- encodings ----

    private void sse(int prefix, int opcode, Xmm reg, Xmm rm) {
        emitRegReg(prefix, 0, false, opcode, reg.ordinal(), rm.ordinal());
    }

    private void sse(int prefix, int opcode, Xmm reg, Amode rm) {
        emitRegMem(prefix, 0, false, opcode, reg.ordinal(), rm, 0);
    }

    private void intToFloat(int prefix, OperandSize size, Xmm dst, Gpr src) {
        check32Or64(size, "cvtsi2ss/cvtsi2sd");
        emitRegReg(prefix, size == S64 ? REX_W : 0, false, 0x0F2A, dst.ordinal(), src.ordinal());
    }

    private void intToFloat(int prefix, OperandSize size, Xmm dst, Amode src) {
        check32Or64(size, "cvtsi2ss/cvtsi2sd");
        emitRegMem(prefix, size == S64 ? REX_W : 0, false, 0x0F2A, dst.ordinal(), src, 0);
    }

    private void floatToInt(int prefix, OperandSize size, Gpr dst, Xmm src) {
        check32Or64(size, "cvttss2si/cvttsd2si");
        emitRegReg(prefix, size == S64 ? REX_W : 0, false, 0x0F2C, dst.ordinal(), src.ordinal());
    }

    private void floatToInt(int prefix, OperandSize size, Gpr dst, Amode src) {
        check32Or64(size, "cvttss2si/cvttsd2si");
        emitRegMem(prefix, size == S64 ? REX_W : 0, false, 0x0F2C, dst.ordinal(), src, 0);
    }

    private void round(int opcode, String mnemonic, Xmm dst, Xmm src, RoundingMode mode) {
        require(CpuFeature.SSE41, mnemonic);
        emitRegReg(PD, 0, false, opcode, dst.ordinal(), src.ordinal());
        buffer.putByte(mode.immediate());
    }

    private void round(int opcode, String mnemonic, Xmm dst, Amode src, RoundingMode mode) {
        require(CpuFeature.SSE41, mnemonic);
        emitRegMem(PD, 0, false, opcode, dst.ordinal(), src, 1);
        buffer.putByte(mode.immediate());
    }
}
