package dev.windlass.winch.isa.x64;

/**
 * The width of an integer operation. Every integer instruction of {@link X64Assembler} takes
 * one as its first argument ({@code add(S64, dst, src)}); SSE instructions encode their width in
 * the mnemonic ({@code addss}/{@code addsd}) and take an {@code OperandSize} only for the
 * general-purpose side of a conversion ({@code cvtsi2sd(S64, dst, src)}).
 */
public enum OperandSize {
    /** 8 bits: al, cl, ... (byte registers). */
    S8(8),
    /** 16 bits: ax, cx, ...; encoded with the 0x66 operand-size prefix. */
    S16(16),
    /** 32 bits: eax, ecx, ...; writing a 32-bit register zeroes the upper half. */
    S32(32),
    /** 64 bits: rax, rcx, ...; encoded with REX.W. */
    S64(64);

    private final int bits;

    OperandSize(int bits) {
        this.bits = bits;
    }

    /** {@return the width in bits} */
    public int bits() {
        return bits;
    }

    /** {@return the width in bytes} */
    public int bytes() {
        return bits / 8;
    }
}
