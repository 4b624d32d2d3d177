package dev.windlass.winch.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small binaries by hand, section by section, so tests need no external assembler. */
public final class TestModules {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestModules() {
        bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
    }

    static TestModules module() {
        return new TestModules();
    }

    TestModules bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    /** Appends a section with the given id and payload (its size is computed). */
    TestModules section(int id, byte[] payload) {
        out.write(id);
        byte[] size = u32(payload.length);
        out.write(size, 0, size.length);
        out.write(payload, 0, payload.length);
        return this;
    }

    TestModules section(int id, int... payload) {
        return section(id, raw(payload));
    }

    /** A module with one function of type {@code params -> results} and the given body code (no locals). */
    public static byte[] singleFunction(int[] params, int[] results, int... code) {
        return singleFunctionWithLocals(params, results, new int[] {0}, code);
    }

    public static byte[] singleFunctionWithLocals(int[] params, int[] results, int[] locals, int... code) {
        byte[] type = concat(raw(1, 0x60), vector(params), vector(results));
        byte[] body = concat(raw(locals), raw(code));
        byte[] codeSection = concat(raw(1), u32(body.length), body);
        return module()
                .section(1, type)
                .section(3, 1, 0)
                .section(5, 1, 0, 1) // one memory, min 1 page
                .section(10, codeSection)
                .build();
    }

    byte[] build() {
        return out.toByteArray();
    }

    static byte[] raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] vector(int... elements) {
        return concat(u32(elements.length), raw(elements));
    }

    static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(u32(utf8.length), utf8);
    }

    static byte[] u32(long value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int bits = (int) (value & 0x7F);
            value >>>= 7;
            b.write(value != 0 ? bits | 0x80 : bits);
        } while (value != 0);
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }
}
