package dev.windlass.winch.isa.x64;

/** The rounding of {@code roundss}/{@code roundsd}: the immediate's low two bits. */
public enum RoundingMode {
    /** Round to nearest, ties to even (Wasm {@code nearest}). */
    NEAREST,
    /** Round toward negative infinity (Wasm {@code floor}). */
    DOWN,
    /** Round toward positive infinity (Wasm {@code ceil}). */
    UP,
    /** Round toward zero (Wasm {@code trunc}). */
    TRUNCATE;

    /** {@return the immediate operand that selects this rounding} */
    public int immediate() {
        return ordinal();
    }
}
