package dev.windlass.winch.isa.x64;

/**
 * The sixteen x86 condition codes of {@code jcc}, {@code setcc} and {@code cmovcc}, in encoding
 * order. Unsigned comparisons use below/above, signed ones less/greater; after
 * {@code ucomiss}/{@code ucomisd}, {@link #P} means "unordered" (a NaN operand).
 */
public enum ConditionCode {
    /** Overflow. */
    O,
    /** No overflow. */
    NO,
    /** Below (unsigned less; carry). */
    B,
    /** Above or equal (unsigned; no carry). */
    AE,
    /** Equal (zero). */
    E,
    /** Not equal (not zero). */
    NE,
    /** Below or equal (unsigned). */
    BE,
    /** Above (unsigned greater). */
    A,
    /** Sign (negative). */
    S,
    /** No sign. */
    NS,
    /** Parity (unordered after a floating-point compare). */
    P,
    /** No parity (ordered). */
    NP,
    /** Less (signed). */
    L,
    /** Greater or equal (signed). */
    GE,
    /** Less or equal (signed). */
    LE,
    /** Greater (signed). */
    G;

    private static final ConditionCode[] BY_ENCODING = values();

    /** {@return the 4-bit encoding, added to the base opcode of jcc, setcc and cmovcc} */
    public int encoding() {
        return ordinal();
    }

    /** {@return the condition that holds exactly when this one does not} */
    public ConditionCode invert() {
        return BY_ENCODING[ordinal() ^ 1];
    }
}
