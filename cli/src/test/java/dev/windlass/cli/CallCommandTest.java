package dev.windlass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code windlass call}: the sample plugins of {@code samples} (Extism and Windlass ABI) and a runaway. */
class CallCommandTest {

    @TempDir
    static Path folder;

    private static Path sample(String name) throws Exception {
        Path file = folder.resolve(name + ".wasm");
        if (!Files.exists(file)) {
            try (InputStream in = CallCommandTest.class.getResourceAsStream(
                    "/dev/windlass/samples/plugins/" + name + ".wasm")) {
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }

    private static String spin() throws Exception {
        return Path.of(CallCommandTest.class.getResource("/wat/extism-spin.wasm").toURI()).toString();
    }

    @BeforeAll
    static void copySamples() throws Exception {
        for (String name : new String[] {"vowels-extism", "shout-as", "greet-c"}) {
            sample(name);
        }
    }

    private static String text(CliRun run) {
        return new String(run.outBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void anExtismExportTakesTheInputAndPrintsItsOutputAsItIs() throws Exception {
        CliRun run = new CliRun();
        assertThat(run.windlass("call", sample("vowels-extism").toString(), "count_vowels", "--input", "Hello, World!"))
                .as(run.err()).isZero();
        assertThat(text(run)).isEqualTo("{\"count\": 3, \"total\": 3, \"vowels\": \"aeiouAEIOU\"}");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void configReachesThePlugin() throws Exception {
        CliRun run = new CliRun();
        assertThat(run.windlass("call", sample("vowels-extism").toString(), "greet", "--input", "wörld 🌍",
                "--config", "greeting=Ahoy", "--config", "unused=1")).as(run.err()).isZero();
        assertThat(text(run)).isEqualTo("Ahoy, wörld 🌍!");
        CliRun plain = new CliRun();
        assertThat(plain.windlass("call", sample("vowels-extism").toString(), "greet", "--input", "x")).isZero();
        assertThat(text(plain)).isEqualTo("Hello, x!");
    }

    @Test
    void bytesFromAFileComeBackByteForByte() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Path input = Files.write(folder.resolve("all-bytes.bin"), all);
        CliRun run = new CliRun();
        assertThat(run.windlass("call", sample("vowels-extism").toString(), "reverse_bytes", "--input-file",
                input.toString())).as(run.err()).isZero();
        byte[] expected = new byte[256];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (255 - i);
        }
        assertThat(run.outBytes()).isEqualTo(expected);
        CliRun empty = new CliRun();
        assertThat(empty.windlass("call", sample("vowels-extism").toString(), "reverse_bytes")).isZero();
        assertThat(empty.outBytes()).isEmpty();
    }

    @Test
    void aPluginErrorGoesToStandardErrorWithStatusOne() throws Exception {
        CliRun run = new CliRun();
        assertThat(run.windlass("call", sample("vowels-extism").toString(), "must_have_input")).isEqualTo(1);
        assertThat(run.outBytes()).isEmpty();
        assertThat(run.err()).contains("windlass: error (status 1): plugin vowels-extism@").contains("input is empty");
    }

    @Test
    void windlassAbiExportsTakeBytesToo() throws Exception {
        CliRun shout = new CliRun();
        assertThat(shout.windlass("call", sample("shout-as").toString(), "shout", "--input", "ahoy")).as(shout.err())
                .isZero();
        assertThat(text(shout)).isEqualTo("AHOY!");
        CliRun greet = new CliRun();
        assertThat(greet.windlass("call", sample("greet-c").toString(), "greet", "--input", "C")).isZero();
        assertThat(text(greet)).isEqualTo("Hello, C! (from C)");
    }

    @Test
    void anExportThatDoesNotTakeBytesIsRefusedNamingBothSignatures() throws Exception {
        CliRun run = new CliRun();
        assertThat(run.windlass("call", sample("greet-c").toString(), "hits")).isEqualTo(1);
        assertThat(run.err()).contains("PluginBindingException")
                .contains("needs export \"hits\" to be (i32, i32) -> (i32), but the module's \"hits\" is () -> (i32)")
                .contains("windlass run --invoke");
        CliRun missing = new CliRun();
        assertThat(missing.windlass("call", sample("greet-c").toString(), "nope")).isEqualTo(1);
        assertThat(missing.err()).contains("which the module does not export");
    }

    @Test
    void aRunawayIsStoppedByTheTimeoutOrByFuel() throws Exception {
        CliRun timeout = new CliRun();
        long start = System.nanoTime();
        assertThat(timeout.windlass("call", spin(), "spin", "--timeout", "100ms")).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(timeout.err()).contains("PluginTimeoutException").contains("timed out after");
        CliRun fuel = new CliRun();
        assertThat(fuel.windlass("call", spin(), "spin", "--fuel", "100000")).isEqualTo(1);
        assertThat(fuel.err()).contains("PluginFuelExhaustedException").contains("100000 units of fuel");
    }

    @Test
    void usageErrors() throws Exception {
        CliRun both = new CliRun();
        assertThat(both.windlass("call", sample("greet-c").toString(), "greet", "--input", "a", "--input-file", "b"))
                .isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun dir = new CliRun();
        assertThat(dir.windlass("call", sample("greet-c").toString(), "greet", "--dir", ".")).isEqualTo(2);
        assertThat(dir.err()).contains("--dir and --dir-readonly need --wasi");
        CliRun unreadable = new CliRun();
        assertThat(unreadable.windlass("call", folder.resolve("missing.wasm").toString(), "greet")).isEqualTo(2);
        assertThat(unreadable.err()).contains("cannot read");
    }

    @Test
    void theDemoCommandRunsThePluginDemo() {
        CliRun run = new CliRun();
        assertThat(run.windlass("demo")).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Windlass plugin demo").contains("stopped: PluginTimeoutException")
                .contains("stopped: PluginFuelExhaustedException").contains("[PER_CALL] -> 1, 1, 1")
                .contains("demo done in");
    }
}
