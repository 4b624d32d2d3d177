package dev.windlass.winch.codegen;

/**
 * A set of registers of both banks, as two 16-bit masks. Mutable: the register allocator keeps
 * its free registers in one.
 */
public final class RegSet {

    private int ints;
    private int floats;

    public RegSet(int intMask, int floatMask) {
        this.ints = intMask & 0xffff;
        this.floats = floatMask & 0xffff;
    }

    RegSet copy() {
        return new RegSet(ints, floats);
    }

    void setTo(RegSet other) {
        ints = other.ints;
        floats = other.floats;
    }

    /** {@return whether both sets hold the same registers} */
    boolean sameAs(RegSet other) {
        return ints == other.ints && floats == other.floats;
    }

    boolean contains(Reg reg) {
        return (mask(reg.bank()) & (1 << reg.number())) != 0;
    }

    void add(Reg reg) {
        if (reg.bank() == Reg.Bank.INT) {
            ints |= 1 << reg.number();
        } else {
            floats |= 1 << reg.number();
        }
    }

    void remove(Reg reg) {
        if (reg.bank() == Reg.Bank.INT) {
            ints &= ~(1 << reg.number());
        } else {
            floats &= ~(1 << reg.number());
        }
    }

    /** {@return the lowest-numbered register of {@code bank} in the set, or {@code null}} */
    Reg first(Reg.Bank bank) {
        int m = mask(bank);
        if (m == 0) {
            return null;
        }
        int n = Integer.numberOfTrailingZeros(m);
        return bank == Reg.Bank.INT ? Reg.intReg(n) : Reg.floatReg(n);
    }

    boolean isEmpty(Reg.Bank bank) {
        return mask(bank) == 0;
    }

    int size(Reg.Bank bank) {
        return Integer.bitCount(mask(bank));
    }

    private int mask(Reg.Bank bank) {
        return bank == Reg.Bank.INT ? ints : floats;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Reg.Bank bank : Reg.Bank.values()) {
            for (int n = 0; n < 16; n++) {
                if ((mask(bank) & (1 << n)) != 0) {
                    sb.append(sb.length() > 1 ? ", " : "").append(bank == Reg.Bank.INT ? "r" : "f").append(n);
                }
            }
        }
        return sb.append('}').toString();
    }
}
