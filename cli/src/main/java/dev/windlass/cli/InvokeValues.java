package dev.windlass.cli;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values of {@code windlass run --invoke NAME ARGS...}: arguments parsed by the export's
 * parameter types, results printed as {@code wasmtime run --invoke} prints them.
 *
 * <ul>
 *   <li>{@code i32}, {@code i64}: decimal, signed or (up to 2<sup>32</sup>-1, 2<sup>64</sup>-1)
 *       unsigned, or hexadecimal with {@code 0x} (the bits); printed signed decimal.</li>
 *   <li>{@code f32}, {@code f64}: decimal or scientific notation, {@code inf}, {@code -inf},
 *       {@code nan} (also Java's {@code Infinity}, {@code NaN}); printed as Rust prints floats:
 *       the shortest digits that read back to the same value, never in exponent form
 *       ({@code 1.5}, {@code 10000000000}, {@code -0}, {@code inf}, {@code NaN}).</li>
 *   <li>references and vectors cannot be written on a command line, so an export that takes or
 *       returns one is refused before it is called.</li>
 * </ul>
 * Values travel as raw bits in a {@code long}, as {@link dev.windlass.sandbox.Func#call} takes
 * and returns them (an {@code i32} or {@code f32} in the low 32 bits).
 */
final class InvokeValues {

    private InvokeValues() {
    }

    /**
     * {@return {@code args} as the bits of {@code type}'s parameters}
     *
     * @throws IllegalArgumentException naming the export, the position and the type, if the
     *         count is wrong, a type cannot be given on a command line, or a text is not a value
     */
    static long[] parse(String name, FuncType type, List<String> args) {
        requireNumbers(name, type);
        if (args.size() != type.params().size()) {
            throw new IllegalArgumentException(name + " takes " + type.params().size() + " arguments "
                    + type.params() + ", got " + args.size());
        }
        long[] bits = new long[args.size()];
        for (int i = 0; i < bits.length; i++) {
            ValType t = type.params().get(i);
            try {
                bits[i] = parse(t, args.get(i).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument " + i + " of " + name + " is not an " + t + ": '"
                        + args.get(i) + "'");
            }
        }
        return bits;
    }

    /** Refuses an export whose parameters or results are not numbers, before calling it. */
    static void requireNumbers(String name, FuncType type) {
        for (int i = 0; i < type.params().size(); i++) {
            if (!type.params().get(i).isNumber()) {
                throw new IllegalArgumentException("cannot invoke " + name + ": parameter " + i + " is a "
                        + type.params().get(i) + "; only i32, i64, f32 and f64 can be given on the command line");
            }
        }
        for (int i = 0; i < type.results().size(); i++) {
            if (!type.results().get(i).isNumber()) {
                throw new IllegalArgumentException("cannot invoke " + name + ": result " + i + " is a "
                        + type.results().get(i) + "; only i32, i64, f32 and f64 results can be printed");
            }
        }
    }

    static long parse(ValType type, String text) {
        return switch (type) {
            case I32 -> parseInteger(text, 32);
            case I64 -> parseInteger(text, 64);
            case F32 -> Float.floatToRawIntBits(parseFloat(text)) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(parseDouble(text));
            default -> throw new IllegalArgumentException(type + " values cannot be given on the command line");
        };
    }

    private static long parseInteger(String text, int width) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            String hex = digits.substring(2).replace("_", "");
            if (hex.isEmpty() || hex.length() > width / 4) {
                throw new NumberFormatException(text);
            }
            return width == 32 ? Integer.parseUnsignedInt(hex, 16) & 0xFFFF_FFFFL : Long.parseUnsignedLong(hex, 16);
        }
        if (width == 32) {
            long value = Long.parseLong(digits);
            if (value < Integer.MIN_VALUE || value > 0xFFFF_FFFFL) {
                throw new NumberFormatException(text);
            }
            return value & 0xFFFF_FFFFL;
        }
        return digits.startsWith("-") ? Long.parseLong(digits) : Long.parseUnsignedLong(digits);
    }

    private static float parseFloat(String text) {
        return switch (special(text)) {
            case 1 -> Float.POSITIVE_INFINITY;
            case -1 -> Float.NEGATIVE_INFINITY;
            case 0 -> Float.NaN;
            default -> Float.parseFloat(requireDecimal(text));
        };
    }

    private static double parseDouble(String text) {
        return switch (special(text)) {
            case 1 -> Double.POSITIVE_INFINITY;
            case -1 -> Double.NEGATIVE_INFINITY;
            case 0 -> Double.NaN;
            default -> Double.parseDouble(requireDecimal(text));
        };
    }

    /** {@return 1 for +infinity, -1 for -infinity, 0 for NaN, 2 for anything else} */
    private static int special(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> 1;
            case "-inf", "-infinity" -> -1;
            case "nan", "+nan", "-nan" -> 0;
            default -> 2;
        };
    }

    /** Java would also take {@code 1f}, {@code 1d} and hexadecimal floats; a command line should not. */
    private static String requireDecimal(String text) {
        if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException(text);
        }
        return text;
    }

    /** {@return each result as {@code wasmtime run --invoke} prints it, one per line} */
    static List<String> format(FuncType type, long[] results) {
        List<String> lines = new ArrayList<>(results.length);
        for (int k = 0; k < results.length; k++) {
            lines.add(format(type.results().get(k), results[k]));
        }
        return lines;
    }

    static String format(ValType type, long bits) {
        return switch (type) {
            case I32 -> Integer.toString((int) bits);
            case I64 -> Long.toString(bits);
            case F32 -> formatFloat(Float.intBitsToFloat((int) bits), Float.toString(Float.intBitsToFloat((int) bits)));
            case F64 -> formatFloat(Double.longBitsToDouble(bits), Double.toString(Double.longBitsToDouble(bits)));
            default -> throw new IllegalArgumentException(type + " values cannot be printed");
        };
    }

    /** Java's shortest round-trip digits ({@code shortest}), written out without an exponent. */
    private static String formatFloat(double value, String shortest) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
