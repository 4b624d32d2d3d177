package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.OperandSize.S8;

import dev.windlass.winch.isa.CodeBuffer;

/**
 * Integer arithmetic and logic: the two-operand ALU group ({@code add}, {@code sub}, {@code and},
 * {@code or}, {@code xor}, {@code cmp}) and {@code test}, multiplication and division,
 * {@code neg}/{@code not}, shifts and rotates, and bit counting. A layer of
 * {@link X64Assembler}; see there for the conventions.
 *
 * <p>ALU immediates take the sign-extended imm8 form ({@code 0x83}) when they fit in a signed
 * byte, else the {@code rax}-specific short form or {@code 0x81} with an imm16/imm32; a 64-bit
 * operation sign-extends its 32-bit immediate. {@code test} has no imm8 form.
 */
abstract sealed class AluInstructions extends MoveInstructions permits ScalarFloatInstructions {

    // The /digit of each ALU operation; its register forms' opcodes are digit * 8 + 0..5.
    private static final int ADD = 0;
    private static final int OR = 1;
    private static final int AND = 4;
    private static final int SUB = 5;
    private static final int XOR = 6;
    private static final int CMP = 7;

    // The /digit of each shift and rotate.
    private static final int ROL = 0;
    private static final int ROR = 1;
    private static final int SHL = 4;
    private static final int SHR = 5;
    private static final int SAR = 7;

    AluInstructions(CodeBuffer buffer, Target target) {
        super(buffer, target);
    }

    // ---- add, or, and, sub, xor, cmp: dst = dst op src ----

    public final void add(OperandSize size, Gpr dst, Gpr src) { aluRegReg(ADD, size, dst, src); }
    public final void add(OperandSize size, Gpr dst, int imm) { aluRegImm(ADD, size, dst, imm); }
    public final void add(OperandSize size, Gpr dst, Amode src) { aluRegMem(ADD, size, dst, src); }
    public final void add(OperandSize size, Amode dst, Gpr src) { aluMemReg(ADD, size, dst, src); }
    public final void add(OperandSize size, Amode dst, int imm) { aluMemImm(ADD, size, dst, imm); }

    public final void sub(OperandSize size, Gpr dst, Gpr src) { aluRegReg(SUB, size, dst, src); }
    public final void sub(OperandSize size, Gpr dst, int imm) { aluRegImm(SUB, size, dst, imm); }
    public final void sub(OperandSize size, Gpr dst, Amode src) { aluRegMem(SUB, size, dst, src); }
    public final void sub(OperandSize size, Amode dst, Gpr src) { aluMemReg(SUB, size, dst, src); }
    public final void sub(OperandSize size, Amode dst, int imm) { aluMemImm(SUB, size, dst, imm); }

    public final void and(OperandSize size, Gpr dst, Gpr src) { aluRegReg(AND, size, dst, src); }
    public final void and(OperandSize size, Gpr dst, int imm) { aluRegImm(AND, size, dst, imm); }
    public final void and(OperandSize size, Gpr dst, Amode src) { aluRegMem(AND, size, dst, src); }
    public final void and(OperandSize size, Amode dst, Gpr src) { aluMemReg(AND, size, dst, src); }
    public final void and(OperandSize size, Amode dst, int imm) { aluMemImm(AND, size, dst, imm); }

    public final void or(OperandSize size, Gpr dst, Gpr src) { aluRegReg(OR, size, dst, src); }
    public final void or(OperandSize size, Gpr dst, int imm) { aluRegImm(OR, size, dst, imm); }
    public final void or(OperandSize size, Gpr dst, Amode src) { aluRegMem(OR, size, dst, src); }
    public final void or(OperandSize size, Amode dst, Gpr src) { aluMemReg(OR, size, dst, src); }
    public final void or(OperandSize size, Amode dst, int imm) { aluMemImm(OR, size, dst, imm); }

    public final void xor(OperandSize size, Gpr dst, Gpr src) { aluRegReg(XOR, size, dst, src); }
    public final void xor(OperandSize size, Gpr dst, int imm) { aluRegImm(XOR, size, dst, imm); }
    public final void xor(OperandSize size, Gpr dst, Amode src) { aluRegMem(XOR, size, dst, src); }
    public final void xor(OperandSize size, Amode dst, Gpr src) { aluMemReg(XOR, size, dst, src); }
    public final void xor(OperandSize size, Amode dst, int imm) { aluMemImm(XOR, size, dst, imm); }

    public final void cmp(OperandSize size, Gpr dst, Gpr src) { aluRegReg(CMP, size, dst, src); }
    public final void cmp(OperandSize size, Gpr dst, int imm) { aluRegImm(CMP, size, dst, imm); }
    public final void cmp(OperandSize size, Gpr dst, Amode src) { aluRegMem(CMP, size, dst, src); }
    public final void cmp(OperandSize size, Amode dst, Gpr src) { aluMemReg(CMP, size, dst, src); }
    public final void cmp(OperandSize size, Amode dst, int imm) { aluMemImm(CMP, size, dst, imm); }

    // ---- test: flags of dst & src ----

    /** {@code test dst, src}. */
    public final void test(OperandSize size, Gpr dst, Gpr src) {
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst, src), size == S8 ? 0x84 : 0x85,
                src.ordinal(), dst.ordinal());
    }

    /** {@code test dst, imm}: imm8/16/32 by size (there is no sign-extended imm8 form). */
    public final void test(OperandSize size, Gpr dst, int imm) {
        int value = checkImmediate(size, imm);
        if (dst == Gpr.RAX) {
            emitOpcodePlusReg(sizePrefix(size), rexW(size), false, size == S8 ? 0xA8 : 0xA9, 0);
        } else {
            emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst), size == S8 ? 0xF6 : 0xF7,
                    0, dst.ordinal());
        }
        emitImmediate(size, value);
    }

    /** {@code test [dst], src}. */
    public final void test(OperandSize size, Amode dst, Gpr src) {
        emitRegMem(sizePrefix(size), rexW(size), needsByteRex(size, src), size == S8 ? 0x84 : 0x85,
                src.ordinal(), dst, 0);
    }

    /** {@code test [dst], imm}. */
    public final void test(OperandSize size, Amode dst, int imm) {
        int value = checkImmediate(size, imm);
        emitRegMem(sizePrefix(size), rexW(size), false, size == S8 ? 0xF6 : 0xF7, 0, dst, immediateBytes(size));
        emitImmediate(size, value);
    }

    // ---- multiplication and division ----

    /** {@code imul dst, src} (S16, S32 or S64): the low half of the signed product. */
    public final void imul(OperandSize size, Gpr dst, Gpr src) {
        checkNotByte(size, "imul");
        emitRegReg(sizePrefix(size), rexW(size), false, 0x0FAF, dst.ordinal(), src.ordinal());
    }

    /** {@code imul dst, [src]} (S16, S32 or S64). */
    public final void imul(OperandSize size, Gpr dst, Amode src) {
        checkNotByte(size, "imul");
        emitRegMem(sizePrefix(size), rexW(size), false, 0x0FAF, dst.ordinal(), src, 0);
    }

    /** {@code imul dst, src, imm} (S16, S32 or S64): imm8 form when {@code imm} fits in a signed byte. */
    public final void imul(OperandSize size, Gpr dst, Gpr src, int imm) {
        checkNotByte(size, "imul");
        int value = checkImmediate(size, imm);
        boolean shortForm = fitsInByte(value);
        emitRegReg(sizePrefix(size), rexW(size), false, shortForm ? 0x6B : 0x69, dst.ordinal(), src.ordinal());
        emitImmediate(shortForm ? S8 : size, value);
    }

    /** {@code imul dst, [src], imm} (S16, S32 or S64). */
    public final void imul(OperandSize size, Gpr dst, Amode src, int imm) {
        checkNotByte(size, "imul");
        int value = checkImmediate(size, imm);
        boolean shortForm = fitsInByte(value);
        emitRegMem(sizePrefix(size), rexW(size), false, shortForm ? 0x6B : 0x69, dst.ordinal(), src,
                shortForm ? 1 : immediateBytes(size));
        emitImmediate(shortForm ? S8 : size, value);
    }

    /** {@code mul src}: unsigned rdx:rax = rax * src (al/ax/eax/rax by size). */
    public final void mul(OperandSize size, Gpr src) { unaryGroup3(4, size, src); }
    public final void mul(OperandSize size, Amode src) { unaryGroup3(4, size, src); }

    /** {@code div src}: unsigned rdx:rax / src, quotient in rax, remainder in rdx. */
    public final void div(OperandSize size, Gpr src) { unaryGroup3(6, size, src); }
    public final void div(OperandSize size, Amode src) { unaryGroup3(6, size, src); }

    /** {@code idiv src}: signed rdx:rax / src, quotient in rax, remainder in rdx. */
    public final void idiv(OperandSize size, Gpr src) { unaryGroup3(7, size, src); }
    public final void idiv(OperandSize size, Amode src) { unaryGroup3(7, size, src); }

    /** {@code neg dst}: two's-complement negation. */
    public final void neg(OperandSize size, Gpr dst) { unaryGroup3(3, size, dst); }
    public final void neg(OperandSize size, Amode dst) { unaryGroup3(3, size, dst); }

    /** {@code not dst}: one's complement. */
    public final void not(OperandSize size, Gpr dst) { unaryGroup3(2, size, dst); }
    public final void not(OperandSize size, Amode dst) { unaryGroup3(2, size, dst); }

    /** {@code cdq}: sign-extends eax into edx, before a 32-bit {@code idiv}. */
    public final void cdq() {
        buffer.putByte(0x99);
    }

    /** {@code cqo}: sign-extends rax into rdx, before a 64-bit {@code idiv}. */
    public final void cqo() {
        buffer.putByte(REX | REX_W);
        buffer.putByte(0x99);
    }

    // ---- shifts and rotates: by CL (count must be RCX) or by an immediate ----

    public final void shl(OperandSize size, Gpr dst, Gpr count) { shiftByCl(SHL, size, dst, count); }
    public final void shl(OperandSize size, Gpr dst, int count) { shiftByImmediate(SHL, size, dst, count); }
    public final void shr(OperandSize size, Gpr dst, Gpr count) { shiftByCl(SHR, size, dst, count); }
    public final void shr(OperandSize size, Gpr dst, int count) { shiftByImmediate(SHR, size, dst, count); }
    public final void sar(OperandSize size, Gpr dst, Gpr count) { shiftByCl(SAR, size, dst, count); }
    public final void sar(OperandSize size, Gpr dst, int count) { shiftByImmediate(SAR, size, dst, count); }
    public final void rol(OperandSize size, Gpr dst, Gpr count) { shiftByCl(ROL, size, dst, count); }
    public final void rol(OperandSize size, Gpr dst, int count) { shiftByImmediate(ROL, size, dst, count); }
    public final void ror(OperandSize size, Gpr dst, Gpr count) { shiftByCl(ROR, size, dst, count); }
    public final void ror(OperandSize size, Gpr dst, int count) { shiftByImmediate(ROR, size, dst, count); }

    // ---- bit counting (S32 or S64) ----

    /** {@code lzcnt dst, src}: needs {@link CpuFeature#LZCNT}; else use {@code bsr}. */
    public final void lzcnt(OperandSize size, Gpr dst, Gpr src) { bitCount(CpuFeature.LZCNT, "lzcnt", 0xF3, 0x0FBD, size, dst, src); }
    public final void lzcnt(OperandSize size, Gpr dst, Amode src) { bitCount(CpuFeature.LZCNT, "lzcnt", 0xF3, 0x0FBD, size, dst, src); }

    /** {@code tzcnt dst, src}: needs {@link CpuFeature#BMI1}; else use {@code bsf}. */
    public final void tzcnt(OperandSize size, Gpr dst, Gpr src) { bitCount(CpuFeature.BMI1, "tzcnt", 0xF3, 0x0FBC, size, dst, src); }
    public final void tzcnt(OperandSize size, Gpr dst, Amode src) { bitCount(CpuFeature.BMI1, "tzcnt", 0xF3, 0x0FBC, size, dst, src); }

    /** {@code popcnt dst, src}: needs {@link CpuFeature#POPCNT}. */
    public final void popcnt(OperandSize size, Gpr dst, Gpr src) { bitCount(CpuFeature.POPCNT, "popcnt", 0xF3, 0x0FB8, size, dst, src); }
    public final void popcnt(OperandSize size, Gpr dst, Amode src) { bitCount(CpuFeature.POPCNT, "popcnt", 0xF3, 0x0FB8, size, dst, src); }

    /** {@code bsr dst, src}: index of the highest set bit; ZF set and dst undefined if src is 0. */
    public final void bsr(OperandSize size, Gpr dst, Gpr src) { bitCount(null, "bsr", 0, 0x0FBD, size, dst, src); }
    public final void bsr(OperandSize size, Gpr dst, Amode src) { bitCount(null, "bsr", 0, 0x0FBD, size, dst, src); }

    /** {@code bsf dst, src}: index of the lowest set bit; ZF set and dst undefined if src is 0. */
    public final void bsf(OperandSize size, Gpr dst, Gpr src) { bitCount(null, "bsf", 0, 0x0FBC, size, dst, src); }
    public final void bsf(OperandSize size, Gpr dst, Amode src) { bitCount(null, "bsf", 0, 0x0FBC, size, dst, src); }

    // ---- encodings ----

    private void aluRegReg(int digit, OperandSize size, Gpr dst, Gpr src) {
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst, src), digit << 3 | (size == S8 ? 0 : 1),
                src.ordinal(), dst.ordinal());
    }

    private void aluRegMem(int digit, OperandSize size, Gpr dst, Amode src) {
        emitRegMem(sizePrefix(size), rexW(size), needsByteRex(size, dst), digit << 3 | (size == S8 ? 2 : 3),
                dst.ordinal(), src, 0);
    }

    private void aluMemReg(int digit, OperandSize size, Amode dst, Gpr src) {
        emitRegMem(sizePrefix(size), rexW(size), needsByteRex(size, src), digit << 3 | (size == S8 ? 0 : 1),
                src.ordinal(), dst, 0);
    }

    private void aluRegImm(int digit, OperandSize size, Gpr dst, int imm) {
        int value = checkImmediate(size, imm);
        if (size == S8) {
            if (dst == Gpr.RAX) {
                buffer.putByte(digit << 3 | 4);
            } else {
                emitRegReg(0, 0, needsByteRex(size, dst), 0x80, digit, dst.ordinal());
            }
            buffer.putByte(value);
        } else if (fitsInByte(value)) {
            emitRegReg(sizePrefix(size), rexW(size), false, 0x83, digit, dst.ordinal());
            buffer.putByte(value);
        } else {
            if (dst == Gpr.RAX) {
                emitOpcodePlusReg(sizePrefix(size), rexW(size), false, digit << 3 | 5, 0);
            } else {
                emitRegReg(sizePrefix(size), rexW(size), false, 0x81, digit, dst.ordinal());
            }
            emitImmediate(size, value);
        }
    }

    private void aluMemImm(int digit, OperandSize size, Amode dst, int imm) {
        int value = checkImmediate(size, imm);
        if (size != S8 && fitsInByte(value)) {
            emitRegMem(sizePrefix(size), rexW(size), false, 0x83, digit, dst, 1);
            buffer.putByte(value);
        } else {
            emitRegMem(sizePrefix(size), rexW(size), false, size == S8 ? 0x80 : 0x81, digit, dst, immediateBytes(size));
            emitImmediate(size, value);
        }
    }

    private void unaryGroup3(int digit, OperandSize size, Gpr operand) {
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, operand), size == S8 ? 0xF6 : 0xF7,
                digit, operand.ordinal());
    }

    private void unaryGroup3(int digit, OperandSize size, Amode operand) {
        emitRegMem(sizePrefix(size), rexW(size), false, size == S8 ? 0xF6 : 0xF7, digit, operand, 0);
    }

    private void shiftByCl(int digit, OperandSize size, Gpr dst, Gpr count) {
        if (count != Gpr.RCX) {
            throw new IllegalArgumentException("a variable shift count must be in rcx (cl), not " + count);
        }
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst), size == S8 ? 0xD2 : 0xD3,
                digit, dst.ordinal());
    }

    private void shiftByImmediate(int digit, OperandSize size, Gpr dst, int count) {
        if (count < 0 || count >= size.bits()) {
            throw new IllegalArgumentException("shift count must be within [0, " + (size.bits() - 1) + "]: " + count);
        }
        boolean byOne = count == 1;
        int opcode = size == S8 ? (byOne ? 0xD0 : 0xC0) : (byOne ? 0xD1 : 0xC1);
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst), opcode, digit, dst.ordinal());
        if (!byOne) {
            buffer.putByte(count);
        }
    }

    private void bitCount(CpuFeature feature, String mnemonic, int prefix, int opcode, OperandSize size, Gpr dst, Gpr src) {
        checkBitCount(feature, mnemonic, size);
        emitRegReg(prefix, rexW(size), false, opcode, dst.ordinal(), src.ordinal());
    }

    private void bitCount(CpuFeature feature, String mnemonic, int prefix, int opcode, OperandSize size, Gpr dst, Amode src) {
        checkBitCount(feature, mnemonic, size);
        emitRegMem(prefix, rexW(size), false, opcode, dst.ordinal(), src, 0);
    }

    private void checkBitCount(CpuFeature feature, String mnemonic, OperandSize size) {
        if (feature != null) {
            require(feature, mnemonic);
        }
        check32Or64(size, mnemonic);
    }

    private static int immediateBytes(OperandSize size) {
        return size == S8 ? 1 : size == OperandSize.S16 ? 2 : 4;
    }
}
