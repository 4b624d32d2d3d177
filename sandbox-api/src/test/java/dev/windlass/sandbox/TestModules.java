package dev.windlass.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test modules: {@code wat/NAME.wat} compiled by {@code wat2wasm --debug-names} to
 * {@code wat/NAME.wasm}, both committed, so the tests need no wabt. Also a minimal reader of the
 * code section, to find where an operator sits in the binary (trap offsets are module offsets).
 */
final class TestModules {

    private TestModules() {
    }

    /** {@return the bytes of {@code wat/NAME.wasm}} */
    static byte[] bytes(String name) {
        String path = "/wat/" + name + ".wasm";
        try (InputStream in = TestModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test module " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Module compile(Engine engine, String name) {
        return engine.compile(bytes(name));
    }

    /** Instantiates a module without imports. */
    static Instance instantiate(Store store, String name) {
        return new Linker().instantiate(store, compile(store.engine(), name));
    }

    /**
     * The instruction bytes of one function body: from after its local declarations to the end
     * (inclusive of the final {@code end}), as module offsets {@code [start, end)}.
     */
    record Body(int start, int end) {
    }

    /**
     * {@return the body of the {@code definedIndex}-th function the module defines} (0 is the
     * first function after the imported ones)
     */
    static Body body(byte[] wasm, int definedIndex) {
        return bodies(wasm).get(definedIndex);
    }

    static List<Body> bodies(byte[] wasm) {
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int id = wasm[pos[0]++] & 0xff;
            int size = (int) leb(wasm, pos);
            int sectionEnd = pos[0] + size;
            if (id == 10) {
                int count = (int) leb(wasm, pos);
                List<Body> bodies = new ArrayList<>(count);
                for (int f = 0; f < count; f++) {
                    int bodySize = (int) leb(wasm, pos);
                    int bodyEnd = pos[0] + bodySize;
                    int groups = (int) leb(wasm, pos);
                    for (int g = 0; g < groups; g++) {
                        leb(wasm, pos);
                        pos[0]++; // value type
                    }
                    bodies.add(new Body(pos[0], bodyEnd));
                    pos[0] = bodyEnd;
                }
                return bodies;
            }
            pos[0] = sectionEnd;
        }
        throw new IllegalArgumentException("no code section");
    }

    /**
     * {@return the module offset of the only byte {@code opcode} in the body}; the bodies used
     * with this are written so that the byte occurs exactly once (checked).
     */
    static int uniqueOpcodeOffset(byte[] wasm, Body body, int opcode) {
        int found = -1;
        for (int i = body.start(); i < body.end() - 1; i++) {
            if ((wasm[i] & 0xff) == opcode) {
                if (found >= 0) {
                    throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(opcode)
                            + " occurs twice in the body at " + body);
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(opcode) + " not in " + body);
        }
        return found;
    }

    /**
     * {@return the module offset of the body's last operator before its final {@code end}},
     * checked to be {@code opcode}; one-byte operators only
     */
    static int lastOpcodeOffset(byte[] wasm, Body body, int opcode) {
        int offset = body.end() - 2;
        if ((wasm[offset] & 0xff) != opcode || (wasm[body.end() - 1] & 0xff) != 0x0b) {
            throw new IllegalArgumentException("the body at " + body + " does not end with opcode 0x"
                    + Integer.toHexString(opcode));
        }
        return offset;
    }

    private static long leb(byte[] bytes, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = bytes[pos[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }
}
