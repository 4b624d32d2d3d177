package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link GuardPageStress} in a JVM of its own (a crash there fails this test instead of
 * taking the test JVM down) for {@code -Dwindlass.stress.seconds} seconds (default 5; the
 * issue's acceptance run is 20).
 */
class GuardPageStressTest {

    @Test
    void implicitNullChecksGcsStackOverflowsAndWasmTrapsTogetherDoNotCrashTheJvm(@TempDir Path dir) throws Exception {
        int seconds = Integer.getInteger("windlass.stress.seconds", 5);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath());
        command.add(GuardPageStress.class.getName());
        command.add(Integer.toString(seconds));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(seconds + 120L, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList())
                    .as("crash reports").isEmpty();
        }
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("RESULT: OK");
        assertThat(count(text, "NPEs")).isPositive();
        assertThat(count(text, "StackOverflowErrors")).isPositive();
        assertThat(count(text, "wasmTraps")).isPositive();
        assertThat(count(text, "signalsTrapped")).isEqualTo(count(text, "wasmTraps"));
        assertThat(count(text, "signalsChainedToJvm")).as("implicit null checks reached the JVM's handler").isPositive();
    }

    private static long count(String text, String name) {
        Matcher m = Pattern.compile(name + "=(\\d+)").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Everything the test JVM loads from, module path included, as one class path. */
    private static String classPath() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(GuardPageStress.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.add(value);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
