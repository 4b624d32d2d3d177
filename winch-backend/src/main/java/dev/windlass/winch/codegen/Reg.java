package dev.windlass.winch.codegen;

/**
 * A machine register as the code generator sees it: a bank and the ISA's hardware number. The
 * ISA's MacroAssembler maps it to its own register type; nothing here knows which ISA it is.
 *
 * @param bank   integer or floating-point/vector registers
 * @param number the hardware number, within [0, 15]
 */
public record Reg(Bank bank, int number) {

    /** The register files values are allocated from. */
    public enum Bank {
        /** General-purpose registers: i32, i64, references. */
        INT,
        /** Floating-point and vector registers: f32, f64, v128. */
        FLOAT
    }

    private static final Reg[] INTS = new Reg[16];
    private static final Reg[] FLOATS = new Reg[16];

    static {
        for (int i = 0; i < 16; i++) {
            INTS[i] = new Reg(Bank.INT, i);
            FLOATS[i] = new Reg(Bank.FLOAT, i);
        }
    }

    public Reg {
        if (number < 0 || number > 15) {
            throw new IllegalArgumentException("register number " + number + " is outside [0, 15]");
        }
    }

    /** {@return integer register {@code number}}, within [0, 15] */
    public static Reg intReg(int number) {
        return INTS[number];
    }

    /** {@return floating-point register {@code number}}, within [0, 15] */
    public static Reg floatReg(int number) {
        return FLOATS[number];
    }

    @Override
    public String toString() {
        return (bank == Bank.INT ? "r" : "f") + number;
    }
}
