package dev.windlass.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Pieces of hand-assembled modules for the benchmarks that need a module of a given shape. */
final class WasmBytes {

    private WasmBytes() {
    }

    /** {@return {@code size} bytes of fixed pseudo-random data} (the same in every run) */
    static byte[] randomData(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    /** Appends a data section with one active segment of {@code data} at {@code i32.const 0} in memory 0. */
    static void dataSection(ByteArrayOutputStream out, byte[] data) {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(new byte[] {0x01, 0x00, 0x41, 0x00, 0x0b}); // one active segment at i32.const 0
        leb(segment, data.length);
        segment.writeBytes(data);
        out.write(0x0b);
        leb(out, segment.size());
        out.writeBytes(segment.toByteArray());
    }

    /** Appends {@code value} as an unsigned LEB128. */
    static void leb(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
