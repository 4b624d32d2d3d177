package dev.windlass.winch.compile;

import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmException;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A {@link CompiledModule} as bytes (the {@code .cwasm} format, like Wasmtime's serialized
 * modules): the code is position-independent, so it and its tables are stored as they are,
 * with the module's own binary (decoded again when loaded, which is fast and keeps one decoder).
 *
 * <pre>
 *   "WNDLCWSM"            magic, 8 bytes
 *   u32                   format version ({@link #FORMAT_VERSION})
 *   UTF                   fingerprint: the compiler and every setting that changes the code
 *   u8                    memory strategy (ordinal)
 *   bytes                 the module binary          (u32 length, then the bytes)
 *   bytes                 the machine code
 *   u32                   host adapter offset
 *   int[] x 7             function offsets, ends, entry trampolines, trap offsets, trap codes,
 *                         source map code offsets, source map bytecode offsets (u32 count, values)
 *   32 bytes              SHA-256 of everything above
 * </pre>
 *
 * <p>{@link #read} checks the digest first, then the magic, version and fingerprint, then that
 * the tables fit the code; anything else is an {@link InvalidCompiledModuleException} and
 * nothing is mapped. The digest catches truncation and corruption, not forgery: like Wasmtime's
 * {@code Module::deserialize}, loading compiled code is for files this installation wrote.
 */
public final class CompiledModuleFormat {

    /** Bumped whenever the layout of the file or of the code it holds changes. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "WNDLCWSM".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    /** This build of the compiler: version and build time, from {@code compiler.properties}. */
    public static final String COMPILER_BUILD = compilerBuild();

    private CompiledModuleFormat() {
    }

    /**
     * {@return the fingerprint of code compiled by this build for {@code target} with
     * {@code options}}: everything that changes the bytes, so a file stamped otherwise is refused
     */
    public static String fingerprint(dev.windlass.winch.isa.x64.Target target, CodeOptions options) {
        return "windlass " + COMPILER_BUILD + "; format " + FORMAT_VERSION + "; " + target + "; " + options;
    }

    private static String compilerBuild() {
        var properties = new java.util.Properties();
        try (var in = CompiledModuleFormat.class.getResourceAsStream("compiler.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("build", "unknown build");
    }

    /** {@return whether {@code data} starts like a {@code .cwasm} file} */
    public static boolean looksCompiled(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** {@return {@code compiled} as bytes, stamped with {@code fingerprint}} */
    public static byte[] write(CompiledModule compiled, String fingerprint) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(fingerprint);
            out.writeByte(compiled.memoryStrategy().ordinal());
            WasmModule module = compiled.module();
            byte[] wasm = new byte[module.byteSize()];
            module.bytes(0, wasm.length).get(wasm);
            writeBytes(out, wasm);
            writeBytes(out, compiled.code());
            out.writeInt(compiled.hostAdapterOffset());
            for (int[] table : compiled.tables()) {
                out.writeInt(table.length);
                for (int value : table) {
                    out.writeInt(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] body = buffer.toByteArray();
        byte[] file = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(sha256(body), 0, file, body.length, DIGEST_BYTES);
        return file;
    }

    /**
     * {@return the compiled module in {@code data}}
     *
     * @param fingerprint what the file must have been written with (this compiler, these settings)
     * @param features    the features its module binary is decoded with
     * @throws InvalidCompiledModuleException if the bytes are truncated, corrupted, or from another
     *                                        compiler, format or setting
     */
    public static CompiledModule read(byte[] data, String fingerprint, WasmFeatures features) {
        if (data.length < MAGIC.length + DIGEST_BYTES || !looksCompiled(data)) {
            throw new InvalidCompiledModuleException("not a compiled Windlass module");
        }
        int bodyLength = data.length - DIGEST_BYTES;
        if (!MessageDigest.isEqual(sha256(Arrays.copyOf(data, bodyLength)),
                Arrays.copyOfRange(data, bodyLength, data.length))) {
            throw new InvalidCompiledModuleException("the compiled module is truncated or corrupted (digest mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new InvalidCompiledModuleException("format version " + version + ", this compiler reads "
                        + FORMAT_VERSION);
            }
            String written = in.readUTF();
            if (!written.equals(fingerprint)) {
                throw new InvalidCompiledModuleException("compiled by \"" + written + "\", not by \"" + fingerprint
                        + "\"");
            }
            int strategy = in.readUnsignedByte();
            if (strategy >= MemoryStrategy.values().length) {
                throw new InvalidCompiledModuleException("unknown memory strategy " + strategy);
            }
            byte[] wasm = readBytes(in, bodyLength);
            byte[] code = readBytes(in, bodyLength);
            int hostAdapterOffset = in.readInt();
            int[][] tables = new int[CompiledModule.TABLES][];
            for (int t = 0; t < tables.length; t++) {
                tables[t] = readInts(in, bodyLength);
            }
            if (in.available() != 0) {
                throw new InvalidCompiledModuleException("trailing bytes after the tables");
            }
            WasmModule module = ModuleDecoder.decode(wasm, features);
            return CompiledModule.fromTables(module, MemoryStrategy.values()[strategy], code, hostAdapterOffset, tables);
        } catch (IOException | WasmException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidCompiledModuleException("the compiled module does not hold together: " + e.getMessage(), e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new InvalidCompiledModuleException("a length of " + length + " bytes in a file of " + limit);
        }
        return in.readNBytes(length);
    }

    private static int[] readInts(DataInputStream in, int limit) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > limit / 4) {
            throw new InvalidCompiledModuleException("a table of " + count + " entries in a file of " + limit);
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
