package dev.windlass.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the demo as {@code ./windlass demo} does and checks what it says. */
class PluginDemoTest {

    private static final Path COMMITTED = Path.of("plugins/wasm");

    @Test
    void theDemoRunsEveryStepAsDescribed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = PluginDemo.run(out, null);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(status).as(output).isZero();
        assertThat(output).doesNotContain("UNEXPECTED", "FAILED")
                .contains("greet(\"Windlass\") -> \"Hello, Windlass! (from C)\"")
                .contains("shout(\"ahoy, wörld\") -> \"AHOY, WÖRLD!\"")
                .contains("countVowels(\"Hello, World!\") -> {\"count\": 3, \"total\": 3, \"vowels\": \"aeiouAEIOU\"}")
                .contains("greet(\"sailor\")  [config greeting=Ahoy] -> \"Ahoy, sailor!\"")
                .contains("hog()  [maxMemoryBytes 16 MiB] -> 256 pages")
                .containsPattern("runaway +spin\\(\\)  \\[timeout 200 ms\\] stopped: PluginTimeoutException after \\d+ ms")
                .containsPattern("runaway-fuel +spin\\(\\)  \\[fuel 5000000\\] stopped: PluginFuelExhaustedException")
                .containsPattern("\\d+ calls answered meanwhile by greet-c, shout-as and vowels-extism, none wrong or failed")
                .contains("hits() x3  [PER_CALL] -> 1, 1, 1")
                .contains("remember(alice's), remember(bob's)  [PER_CALL] -> \"\", \"\"")
                .contains("hits() x3  [SHARED] -> 1, 2, 3")
                .contains("remember(alice's), remember(bob's)  [SHARED] -> \"\", \"alice's secret\"")
                .contains("demo done in");
    }

    @Test
    void theClassPathCarriesTheCommittedPlugins() throws Exception {
        for (String name : PluginDemo.PLUGINS) {
            assertThat(PluginDemo.wasm(null, name)).as(name)
                    .isEqualTo(Files.readAllBytes(COMMITTED.resolve(name + ".wasm")));
        }
    }

    @Test
    void theDemoLoadsFromADirectoryToo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(PluginDemo.run(out, COMMITTED)).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(from " + COMMITTED + ")");
    }
}
