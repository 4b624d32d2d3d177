package dev.windlass.winch.isa.x64;

/** The sixteen SSE registers, in hardware-number order (the low halves of ymm0-ymm15). */
public enum Xmm implements Reg {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    private static final Xmm[] BY_ENCODING = values();

    /** {@return the register with hardware number {@code encoding}}, within [0, 15] */
    public static Xmm of(int encoding) {
        return BY_ENCODING[encoding];
    }

    @Override
    public RegClass regClass() {
        return RegClass.XMM;
    }

    @Override
    public int encoding() {
        return ordinal();
    }
}
