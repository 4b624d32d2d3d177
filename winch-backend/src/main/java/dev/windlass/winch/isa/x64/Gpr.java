package dev.windlass.winch.isa.x64;

/**
 * The sixteen general-purpose registers, in hardware-number order. The operand size of an
 * instruction ({@link OperandSize}) selects which part is used: {@code RAX} is eax, ax or al.
 * As byte registers, {@code RSP}, {@code RBP}, {@code RSI} and {@code RDI} mean spl, bpl, sil and
 * dil, which need a REX prefix (without one, numbers 4-7 mean ah, ch, dh and bh, which the
 * assembler never emits).
 */
public enum Gpr implements Reg {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] BY_ENCODING = values();

    /** {@return the register with hardware number {@code encoding}}, within [0, 15] */
    public static Gpr of(int encoding) {
        return BY_ENCODING[encoding];
    }

    @Override
    public RegClass regClass() {
        return RegClass.GPR;
    }

    @Override
    public int encoding() {
        return ordinal();
    }
}
