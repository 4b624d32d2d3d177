package dev.windlass.winch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs wabt's wat2wasm on a text module, with the name section (so functions keep their
 * {@code $names}) and the proposals Windlass compiles beyond Wasm 2.0 that wabt 1.0.32 parses:
 * multi-memory and memory64.
 */
public final class Wat2Wasm {

    private static final List<String> FLAGS = List.of("--debug-names", "--enable-multi-memory", "--enable-memory64");

    private final Path executable;

    private Wat2Wasm(Path executable) {
        this.executable = executable;
    }

    /** {@return wat2wasm from the PATH}, or skips the test (fails it when CI=true) if there is none. */
    public static Wat2Wasm locate() {
        return new Wat2Wasm(ExternalTool.locate("wat2wasm", "wabt", "the golden disassembly tests"));
    }

    /**
     * {@return the binary module of {@code wat}}, compiled in a temporary directory that is
     * deleted afterwards
     *
     * @throws IOException if wat2wasm rejects the text (the message carries its output)
     */
    public byte[] compile(Path wat) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("windlass-wat2wasm-");
        Path wasm = directory.resolve("module.wasm");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.addAll(List.of(wat.toString(), "-o", wasm.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("wat2wasm rejected " + wat + ":\n" + output);
            }
            return Files.readAllBytes(wasm);
        } finally {
            Files.deleteIfExists(wasm);
            Files.deleteIfExists(directory);
        }
    }
}
