package dev.windlass.sandbox;

import dev.windlass.winch.wasm.ValType;

/**
 * Typed Java values of Wasm types and the raw 64-bit slots code reads and writes: i32 as
 * {@link Integer}, i64 as {@link Long}, f32 as {@link Float}, f64 as {@link Double}, funcref as
 * {@link Func} or null, externref as {@link ExternRef} or null ({@link Func#callValues}). The one
 * place a reference becomes bits (after its store is checked) and bits become a reference.
 */
final class Values {

    private Values() {
    }

    /**
     * {@return the slot bits of {@code value} as a {@code type}}; {@code what} names the slot in messages
     *
     * @throws IllegalArgumentException if {@code value} is not of {@code type}'s class, or is a
     *                                  reference of another store
     */
    static long toBits(Store store, ValType type, Object value, String what) {
        return switch (type) {
            case I32 -> value instanceof Integer i ? i & 0xFFFF_FFFFL : mismatch(type, value, what, "an Integer");
            case I64 -> value instanceof Long l ? l : mismatch(type, value, what, "a Long");
            case F32 -> value instanceof Float f ? Float.floatToRawIntBits(f) & 0xFFFF_FFFFL
                    : mismatch(type, value, what, "a Float");
            case F64 -> value instanceof Double d ? Double.doubleToRawLongBits(d) : mismatch(type, value, what, "a Double");
            case FUNCREF -> value == null || value instanceof Func ? store.refBits((Func) value, type)
                    : mismatch(type, value, what, "a Func or null");
            case EXTERNREF -> value == null || value instanceof ExternRef ? store.refBits((ExternRef) value, type)
                    : mismatch(type, value, what, "an ExternRef or null");
            case V128 -> throw new IllegalArgumentException(what + " is a v128, which this API cannot pass yet");
        };
    }

    /** {@return the Java value of the slot bits {@code bits} of a {@code type}} */
    static Object fromBits(Store store, ValType type, long bits) {
        return switch (type) {
            case I32 -> (int) bits;
            case I64 -> bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
            case FUNCREF, EXTERNREF -> store.ref(bits, type);
            case V128 -> throw new IllegalArgumentException("a v128 result, which this API cannot return yet");
        };
    }

    private static long mismatch(ValType type, Object value, String what, String expected) {
        throw new IllegalArgumentException(what + " is a " + type + ", passed as " + expected + ", got "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
