package dev.windlass.winch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs GNU objdump on raw x86-64 bytes and returns one line per instruction, in Intel syntax. */
public final class Objdump {

    /**
     * One disassembled instruction: its offset, its length in bytes and its text,
     * whitespace-normalized, comment dropped.
     */
    public record Line(int offset, int length, String text) {

        /** {@return the offset of the next instruction} */
        public int end() {
            return offset + length;
        }

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
    public static Path locate() {
        return ExternalTool.locate("objdump", "GNU binutils", "the disassembly tests");
    }

    /** Disassembles {@code code[0, stop)}. */
    public static List<Line> disassemble(Path objdump, byte[] code, int stop) throws IOException, InterruptedException {
        return disassemble(objdump, code, 0, stop);
    }

    /** Disassembles {@code code[start, stop)}; offsets stay offsets into {@code code}. */
    public static List<Line> disassemble(Path objdump, byte[] code, int start, int stop)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile("windlass-x64-", ".bin");
        try {
            Files.write(input, code);
            Process process = new ProcessBuilder(objdump.toString(), "-D", "-b", "binary", "-mi386:x86-64",
                    "-M", "intel", "--insn-width=16", "--start-address=" + start, "--stop-address=" + stop,
                    input.toString())
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
                    int length = matcher.group(2).trim().split(" ").length;
                    lines.add(new Line(Integer.parseInt(matcher.group(1), 16), length, normalize(matcher.group(3))));
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
