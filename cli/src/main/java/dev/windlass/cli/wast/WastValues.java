package dev.windlass.cli.wast;

import tools.jackson.databind.JsonNode;

/**
 * The values of spec scripts: {@code {"type": "i32", "value": "4294967295"}}, integers and
 * float bits written as unsigned decimals, and the NaN patterns {@code nan:canonical} and
 * {@code nan:arithmetic} that a float result may be required to match.
 */
final class WastValues {

    private WastValues() {
    }

    /** {@return the raw 64-bit value of an argument} */
    static long parse(JsonNode value) {
        String type = value.path("type").asString();
        String text = value.path("value").asString();
        return switch (type) {
            case "i32", "f32" -> Long.parseUnsignedLong(text) & 0xFFFF_FFFFL;
            case "i64", "f64" -> Long.parseUnsignedLong(text);
            case "externref", "funcref" -> reference(text);
            default -> throw new UnsupportedValueException(type);
        };
    }

    /**
     * {@return a reference argument}: null is 0; the script's {@code ref.extern N} becomes the
     * host handle N + 1 (never 0). Function references only appear as null in arguments.
     */
    private static long reference(String text) {
        if (text.equals("null")) {
            return 0;
        }
        return Long.parseUnsignedLong(text) + 1;
    }

    /** {@return whether the raw result {@code actual} is what {@code expected} describes} */
    static boolean matches(JsonNode expected, long actual) {
        String type = expected.path("type").asString();
        String text = expected.path("value").asString();
        return switch (type) {
            case "i32" -> (int) actual == (int) Long.parseUnsignedLong(text);
            case "i64" -> actual == Long.parseUnsignedLong(text);
            case "f32" -> floatMatches(text, (int) actual);
            case "f64" -> doubleMatches(text, actual);
            case "externref" -> actual == reference(text);
            case "funcref" -> text.isEmpty() ? actual != 0 : actual == reference(text); // no value: any non-null
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
