package dev.windlass.winch.isa.x64;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs GNU objdump on raw x86-64 bytes and returns one line per instruction, in Intel syntax. */
final class Objdump {

    /** One disassembled instruction: its offset and its text, whitespace-normalized, comment dropped. */
    record Line(int offset, String text) {
        @Override
        public String toString() {
            return Integer.toHexString(offset) + ": " + text;
        }
    }

    // "   1f:\t48 89 c8   \tmov    rax,rcx"
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");

    private Objdump() {
    }

    /** {@return the objdump executable}, or skips the test (fails it when CI=true) if there is none. */
    static Path locate() {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .map(directory -> Path.of(directory, "objdump"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("objdump (GNU binutils) is not on PATH, and CI=true requires the disassembly tests");
        }
        assumeTrue(found.isPresent(), "objdump (GNU binutils) is not on PATH: skipping the disassembly check");
        return found.get();
    }

    /** Disassembles {@code code[0, stop)}. */
    static List<Line> disassemble(Path objdump, byte[] code, int stop) throws IOException, InterruptedException {
        Path input = Files.createTempFile("windlass-x64-", ".bin");
        try {
            Files.write(input, code);
            Process process = new ProcessBuilder(objdump.toString(), "-D", "-b", "binary", "-mi386:x86-64",
                    "-M", "intel", "--insn-width=16", "--stop-address=" + stop, input.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("objdump failed: " + output);
            }
            List<Line> lines = new ArrayList<>();
            for (String line : output.split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    lines.add(new Line(Integer.parseInt(matcher.group(1), 16), normalize(matcher.group(3))));
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static String normalize(String text) {
        int comment = text.indexOf('#');
        if (comment >= 0) {
            text = text.substring(0, comment);
        }
        return text.trim().replaceAll("\\s+", " ");
    }
}
