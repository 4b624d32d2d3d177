package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes of the Wasm binary format being written: LEB128 integers, IEEE constants, names,
 * vectors, sections and operators (their encodings from {@link Opcode}, so the generator never
 * spells an opcode byte itself).
 */
final class WasmBinary {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WasmBinary u8(int value) {
        out.write(value);
        return this;
    }

    WasmBinary u32(long value) {
        do {
            int bits = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? bits | 0x80 : bits);
        } while (value != 0);
        return this;
    }

    /** Signed LEB128, as {@code i32.const} and {@code i64.const} take (an i32 is sign-extended first). */
    WasmBinary s64(long value) {
        boolean more = true;
        while (more) {
            int bits = (int) (value & 0x7F);
            value >>= 7;
            more = !(value == 0 && (bits & 0x40) == 0 || value == -1 && (bits & 0x40) != 0);
            out.write(more ? bits | 0x80 : bits);
        }
        return this;
    }

    WasmBinary f32Bits(int bits) {
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    WasmBinary f64Bits(long bits) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    WasmBinary name(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    WasmBinary bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends {@code bytes} preceded by their length, as function bodies and sections are. */
    WasmBinary sized(byte[] bytes) {
        u32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    WasmBinary section(int id, WasmBinary payload) {
        out.write(id);
        return sized(payload.toByteArray());
    }

    WasmBinary types(List<ValType> types) {
        u32(types.size());
        types.forEach(t -> out.write(t.code()));
        return this;
    }

    /** Appends the encoding of {@code op} (prefix byte and LEB128 sub-opcode, or its one byte). */
    WasmBinary op(Opcode op) {
        if (op.prefix() != 0) {
            out.write(op.prefix());
            return u32(op.code());
        }
        out.write(op.code());
        return this;
    }

    /** Appends a constant of {@code type} with raw bits {@code bits}. */
    WasmBinary constant(ValType type, long bits) {
        return switch (type) {
            case I32 -> op(Opcode.I32_CONST).s64((int) bits);
            case I64 -> op(Opcode.I64_CONST).s64(bits);
            case F32 -> op(Opcode.F32_CONST).f32Bits((int) bits);
            case F64 -> op(Opcode.F64_CONST).f64Bits(bits);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
