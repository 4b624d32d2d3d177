package dev.windlass.plugin.internal;

import dev.windlass.winch.wasm.ValType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * How one Java parameter or result type crosses into Wasm under the Windlass ABI (the
 * canonical ABI's core lowering): numbers are Wasm values; strings, bytes and codec values live
 * in guest memory, a {@code (ptr, len)} pair of i32 as a parameter and an i32 pointer to such a
 * pair as a result.
 */
public enum Lowering {
    INT(ValType.I32),
    LONG(ValType.I64),
    FLOAT(ValType.F32),
    DOUBLE(ValType.F64),
    BOOLEAN(ValType.I32),
    STRING(null),
    BYTES(null),
    BYTE_BUFFER(null),
    CODEC(null),
    VOID(null);

    private final ValType scalar;

    Lowering(ValType scalar) {
        this.scalar = scalar;
    }

    /** {@return the lowering of {@code type}}: CODEC for any type that is not one of the others */
    public static Lowering of(Class<?> type) {
        if (type == int.class) {
            return INT;
        } else if (type == long.class) {
            return LONG;
        } else if (type == float.class) {
            return FLOAT;
        } else if (type == double.class) {
            return DOUBLE;
        } else if (type == boolean.class) {
            return BOOLEAN;
        } else if (type == void.class) {
            return VOID;
        } else if (type == String.class) {
            return STRING;
        } else if (type == byte[].class) {
            return BYTES;
        } else if (ByteBuffer.class.isAssignableFrom(type)) {
            return BYTE_BUFFER;
        }
        return CODEC;
    }

    /** {@return whether the value is bytes in guest memory} */
    public boolean inMemory() {
        return this == STRING || this == BYTES || this == BYTE_BUFFER || this == CODEC;
    }

    /** {@return whether no Java type of this lowering can pass: primitives other than the five numbers} */
    public static boolean unsupportedPrimitive(Class<?> type) {
        return type.isPrimitive() && of(type) == CODEC;
    }

    /** {@return the core Wasm parameters of a value}: one number, or {@code (ptr, len)} */
    public List<ValType> flatParams() {
        if (this == VOID) {
            throw new IllegalStateException("void is not a parameter type");
        }
        return scalar != null ? List.of(scalar) : List.of(ValType.I32, ValType.I32);
    }

    /** {@return the core Wasm results of a value}: none, one number, or a pointer to {@code (ptr, len)} */
    public List<ValType> flatResults() {
        if (this == VOID) {
            return List.of();
        }
        return List.of(scalar != null ? scalar : ValType.I32);
    }
}
