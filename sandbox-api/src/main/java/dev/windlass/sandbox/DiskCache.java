package dev.windlass.sandbox;

import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.compile.CompiledModuleFormat;
import dev.windlass.winch.compile.InvalidCompiledModuleException;
import dev.windlass.winch.wasm.WasmFeatures;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Compiled modules kept in a folder across runs, one {@code .cwasm} file each, named by the
 * SHA-256 of the module's bytes and the compiler's fingerprint (build and settings). A file is
 * written to a temporary name and renamed into place, so a reader sees a whole file or none;
 * one that fails {@link CompiledModuleFormat#read}'s checks (truncated, corrupted, another build)
 * is compiled again and replaced. Failing to read or write the folder only costs a compile.
 */
final class DiskCache {

    private final Path directory;
    private final String fingerprint;
    private final WasmFeatures features;

    DiskCache(Path directory, String fingerprint, WasmFeatures features) {
        this.directory = directory;
        this.fingerprint = fingerprint;
        this.features = features;
    }

    /** {@return the compiled module for {@code wasm}}: read from the folder, or {@code compile}d and stored */
    CompiledModule get(byte[] wasm, Supplier<CompiledModule> compile) {
        Path file = directory.resolve(key(wasm) + ".cwasm");
        try {
            CompiledModule cached = CompiledModuleFormat.read(Files.readAllBytes(file), fingerprint, features);
            if (cached.module().byteSize() == wasm.length) {
                return cached;
            }
        } catch (NoSuchFileException e) {
            // not compiled before
        } catch (IOException | InvalidCompiledModuleException e) {
            // unreadable or not ours any more: compiled again and replaced below
        }
        CompiledModule compiled = compile.get();
        store(file, CompiledModuleFormat.write(compiled, fingerprint));
        return compiled;
    }

    private void store(Path file, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // a cache that cannot be written is a cache that misses
        }
    }

    private String key(byte[] wasm) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(wasm);
            sha.update(fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
