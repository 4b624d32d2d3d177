package dev.windlass.cli.wast;

import dev.windlass.sandbox.ExternRef;
import dev.windlass.sandbox.Func;
import dev.windlass.winch.wasm.ValType;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;

/**
 * The values of spec scripts: {@code {"type": "i32", "value": "4294967295"}}, integers and
 * float bits written as unsigned decimals, and the NaN patterns {@code nan:canonical} and
 * {@code nan:arithmetic} that a float result may be required to match.
 */
final class WastValues {

    private WastValues() {
    }

    /** {@return the raw 64-bit value of a number argument} */
    static long parse(JsonNode value) {
        String type = value.path("type").asString();
        String text = value.path("value").asString();
        return switch (type) {
            case "i32", "f32" -> Long.parseUnsignedLong(text) & 0xFFFF_FFFFL;
            case "i64", "f64" -> Long.parseUnsignedLong(text);
            default -> throw new UnsupportedValueException(type);
        };
    }

    /**
     * {@return an argument as {@code Func.callValues} takes it} for a parameter of {@code type}:
     * a number boxed from its bits; null for a null reference; the script's {@code ref.extern N}
     * as the session's {@link ExternRef} of N ({@code externRef}). Function references only
     * appear as null in arguments.
     */
    static Object parseValue(JsonNode value, ValType type, LongFunction<ExternRef> externRef) {
        String kind = value.path("type").asString();
        String text = value.path("value").asString();
        return switch (kind) {
            case "externref", "funcref" -> text.equals("null") ? null
                    : kind.equals("externref") ? externRef.apply(Long.parseUnsignedLong(text))
                    : unsupported(kind);
            default -> boxed(type, parse(value));
        };
    }

    private static Object unsupported(String type) {
        throw new UnsupportedValueException(type);
    }

    /** {@return the number of {@code type} with raw bits {@code bits}, boxed as {@code Func.callValues} takes it} */
    private static Object boxed(ValType type, long bits) {
        return switch (type) {
            case I32 -> (int) bits;
            case I64 -> bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
            default -> throw new UnsupportedValueException(type.toString());
        };
    }

    /** {@return a {@code Func.callValues} result as {@link #matches} takes it}: a number as its raw bits, a reference as it is */
    static Object raw(Object value) {
        return switch (value) {
            case Integer i -> (long) i;
            case Float f -> Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
            case Double d -> Double.doubleToRawLongBits(d);
            case null, default -> value;
        };
    }

    /**
     * {@return whether the result {@code actual} is what {@code expected} describes}: a number's
     * raw bits as a {@link Long}, a reference as a {@link Func}, an {@link ExternRef} or null
     */
    static boolean matches(JsonNode expected, Object actual) {
        String type = expected.path("type").asString();
        String text = expected.path("value").asString();
        return switch (type) {
            case "i32" -> actual instanceof Long bits && (int) (long) bits == (int) Long.parseUnsignedLong(text);
            case "i64" -> actual instanceof Long bits && bits == Long.parseUnsignedLong(text);
            case "f32" -> actual instanceof Long bits && floatMatches(text, (int) (long) bits);
            case "f64" -> actual instanceof Long bits && doubleMatches(text, bits);
            case "externref" -> text.equals("null") ? actual == null
                    : actual instanceof ExternRef ref && ref.value().equals(Long.parseUnsignedLong(text));
            case "funcref" -> text.equals("null") ? actual == null : actual instanceof Func; // no value: any non-null
            default -> throw new UnsupportedValueException(type);
        };
    }

    private static boolean floatMatches(String text, int bits) {
        int payload = bits & 0x7FFF_FFFF;
        return switch (text) {
            case "nan:canonical" -> payload == 0x7FC0_0000;
            case "nan:arithmetic" -> (payload & 0x7FC0_0000) == 0x7FC0_0000;
            default -> bits == (int) Long.parseUnsignedLong(text);
        };
    }

    private static boolean doubleMatches(String text, long bits) {
        long payload = bits & 0x7FFF_FFFF_FFFF_FFFFL;
        return switch (text) {
            case "nan:canonical" -> payload == 0x7FF8_0000_0000_0000L;
            case "nan:arithmetic" -> (payload & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
            default -> bits == Long.parseUnsignedLong(text);
        };
    }

    /** {@return the value as the script writes it, for failure reports} */
    static String describe(JsonNode value) {
        return value.path("type").asString() + ":" + value.path("value").asString();
    }

    /** A value of a type this build cannot pass or check yet (v128, references). */
    static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(String type) {
            super("values of type " + type);
        }
    }
}
