package dev.windlass.winch.wasm;

/**
 * The size limits of a memory (in 64 KiB pages) or a table (in elements).
 *
 * <p>Values are unsigned: with memory64 and table64 they are u64, so compare them with
 * {@link Long#compareUnsigned}.
 *
 * @param min    the initial size
 * @param max    the maximum size; meaningful only if {@code hasMax}
 * @param hasMax whether a maximum was declared
 */
public record Limits(long min, long max, boolean hasMax) {

    /** {@return limits with a minimum and no maximum} */
    public static Limits atLeast(long min) {
        return new Limits(min, 0, false);
    }

    /** {@return limits with both bounds} */
    public static Limits between(long min, long max) {
        return new Limits(min, max, true);
    }

    @Override
    public String toString() {
        return hasMax ? "min " + Long.toUnsignedString(min) + ", max " + Long.toUnsignedString(max)
                : "min " + Long.toUnsignedString(min);
    }
}
