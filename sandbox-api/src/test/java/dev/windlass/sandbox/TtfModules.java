package dev.windlass.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Random modules from binaryen's {@code wasm-opt -ttf} ("translate to fuzz"), which turns any
 * bytes into a valid module that calls {@code fuzzing-support.log-*} imports, guards its loops
 * and recursion with a {@code hangLimit} global, and exports its functions.
 *
 * <p>The options keep to what Windlass runs: no SIMD, references, GC, exceptions, tail calls or
 * threads. {@code -ttf} always declares a table (for {@code call_indirect}); {@code --directize}
 * turns indirect calls through constant indices into direct ones, and
 * {@code --remove-unused-module-elements} then drops the table if nothing else uses it. The
 * modules that keep one are skipped. {@code --denan} makes every float operation that would
 * produce a NaN produce 0: Wasm leaves NaN signs and payloads open, and they leak into integers
 * through reinterpretations and stores, where no comparison could excuse them.
 */
final class TtfModules {

    private static final List<String> OPTIONS = List.of(
            "--disable-simd", "--disable-reference-types", "--disable-gc", "--disable-exception-handling",
            "--disable-tail-call", "--disable-threads", "--disable-memory64", "--disable-typed-function-references",
            "--disable-relaxed-simd", "--disable-extended-const",
            "--enable-sign-ext", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
            "--enable-bulk-memory", "--enable-multivalue",
            "--denan", "--directize", "--remove-unused-module-elements");

    private TtfModules() {
    }

    /** {@return the {@code wasm-opt} on the PATH, if there is one} */
    static Optional<Path> wasmOpt() {
        return Executables.onPath("wasm-opt");
    }

    /** {@return the module {@code wasm-opt -ttf} makes of {@code input}}, using {@code dir} for files */
    static byte[] generate(Path wasmOpt, byte[] input, Path dir) throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir, "ttf", ".dat");
        Path out = in.resolveSibling(in.getFileName() + ".wasm");
        try {
            Files.write(in, input);
            List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), "-ttf"));
            command.addAll(OPTIONS);
            command.addAll(List.of(in.toString(), "-o", out.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
