package dev.windlass.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the few module shapes a test needs byte by byte, where a {@code .wat} would be too large
 * to commit (a name of 4 MiB) or the point is the binary's size (ten tables in 99 bytes).
 */
final class WasmBinary {

    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;
    private static final int FUNCREF = 0x70;

    private WasmBinary() {
    }

    /** {@return a module that only declares {@code count} funcref tables of {@code min} elements} */
    static byte[] tables(int count, long min) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeU32(content, count);
        for (int i = 0; i < count; i++) {
            content.write(FUNCREF);
            content.write(0); // no maximum
            writeU32(content, min);
        }
        return module(section(TABLE_SECTION, content.toByteArray()));
    }

    /** {@return a module that declares and exports ({@code m0}, {@code m1}, ...) {@code count} memories} */
    static byte[] memories(int count, long min, long max) {
        ByteArrayOutputStream memories = new ByteArrayOutputStream();
        writeU32(memories, count);
        for (int i = 0; i < count; i++) {
            memories.write(1); // with a maximum
            writeU32(memories, min);
            writeU32(memories, max);
        }
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        writeU32(exports, count);
        for (int i = 0; i < count; i++) {
            writeName(exports, "m" + i);
            exports.write(2); // memory
            writeU32(exports, i);
        }
        return module(section(MEMORY_SECTION, memories.toByteArray()), section(7, exports.toByteArray()));
    }

    /** {@return {@code wasm} with a name section that names function {@code index} {@code name}} */
    static byte[] withFunctionName(byte[] wasm, int index, String name) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        writeU32(names, 1);
        writeU32(names, index);
        writeName(names, name);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeName(content, "name");
        content.write(1); // function names
        writeU32(content, names.size());
        content.writeBytes(names.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(wasm);
        out.writeBytes(section(0, content.toByteArray()));
        return out.toByteArray();
    }

    private static byte[] module(byte[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        for (byte[] section : sections) {
            out.writeBytes(section);
        }
        return out.toByteArray();
    }

    private static byte[] section(int id, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        writeU32(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        writeU32(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
