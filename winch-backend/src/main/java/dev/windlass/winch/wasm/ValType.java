package dev.windlass.winch.wasm;

/**
 * A WebAssembly value type, with its binary encoding.
 *
 * <p>Wasm 2.0 has exactly these seven; reference types are the two nullable abstract ones.
 */
public enum ValType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64"),
    V128(0x7B, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6F, "externref");

    private static final ValType[] BY_CODE = new ValType[128];

    static {
        for (ValType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String text;

    ValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** {@return the one-byte binary encoding} */
    public int code() {
        return code;
    }

    /** {@return whether this is a reference type} */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** {@return whether this is a number type (i32, i64, f32, f64)} */
    public boolean isNumber() {
        return ordinal() <= F64.ordinal();
    }

    /** {@return the type with this binary encoding, or {@code null} if the byte encodes none} */
    public static ValType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
