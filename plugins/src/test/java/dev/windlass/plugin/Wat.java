package dev.windlass.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test guest modules, written as WAT and compiled by {@code wat2wasm} (wabt) when a test needs
 * them. Without wat2wasm the tests are skipped with a message, except under {@code CI=true},
 * where a missing wat2wasm fails them.
 */
final class Wat {

    private static final Map<String, byte[]> COMPILED = new ConcurrentHashMap<>();
    private static final String TOOL = System.getProperty("windlass.wat2wasm", "wat2wasm");

    private Wat() {
    }

    /** {@return the module of test resource {@code wat/<name>.wat}} */
    static byte[] resource(String name) {
        String path = "wat/" + name + ".wat";
        try (InputStream in = Wat.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the module {@code text} describes} */
    static byte[] compile(String text) {
        return COMPILED.computeIfAbsent(text, Wat::runWat2Wasm).clone();
    }

    private static byte[] runWat2Wasm(String text) {
        try {
            Path dir = Files.createTempDirectory("windlass-wat");
            Path source = dir.resolve("module.wat");
            Path binary = dir.resolve("module.wasm");
            Files.writeString(source, text);
            Process process;
            try {
                process = new ProcessBuilder(TOOL, source.toString(), "-o", binary.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                String message = TOOL + " (wabt) is not installed, so the guest modules cannot be built: " + e.getMessage();
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(message, e);
                }
                Assumptions.abort(message);
                throw new AssertionError("unreachable");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wat2wasm failed:\n" + output + "\n" + text);
            }
            byte[] bytes = Files.readAllBytes(binary);
            Files.delete(source);
            Files.delete(binary);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
