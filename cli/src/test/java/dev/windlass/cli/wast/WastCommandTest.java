package dev.windlass.cli.wast;

import static dev.windlass.cli.wast.WastRunnerTest.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WastCommandTest {

    @TempDir
    Path folder;

    private final CliRun cli = new CliRun();

    @Test
    void foldersAreSearchedAndEveryFileGetsALineThenTheTotals() throws Exception {
        Path sub = Files.createDirectories(folder.resolve("a/b"));
        new Scripts(sub).module("valid.wasm", Scripts.VALID).module("malformed.wasm", Scripts.MALFORMED);
        new Scripts(sub).script("one.json", command("module", 1, "valid.wasm", null));
        new Scripts(sub).script("two.json",
                command("assert_malformed", 1, "malformed.wasm", "unknown binary version"),
                WastRunnerTest.textCommand("assert_malformed", 2));

        int status = cli.windlass("wast", folder.toString());

        assertThat(status).isZero();
        assertThat(cli.out())
                .contains(sub.resolve("one.json") + ": 1 passed, 0 failed, 0 skipped")
                .contains(sub.resolve("two.json") + ": 1 passed, 0 failed, 1 skipped")
                .contains("1  " + WastRunner.SKIP_TEXT)
                .endsWith("2 passed, 0 failed, 1 skipped" + System.lineSeparator());
    }

    @Test
    void anyFailureGivesExitStatusOneAndItsDetails() throws Exception {
        new Scripts(folder).module("valid.wasm", Scripts.VALID);
        Path script = new Scripts(folder).script("bad.json",
                command("assert_invalid", 12, "valid.wasm", "type mismatch"));

        int status = cli.windlass("wast", script.toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.out())
                .contains("line 12: assert_invalid valid.wasm")
                .contains("expected: invalid: type mismatch")
                .contains("got:      validated")
                .contains("0 passed, 1 failed, 0 skipped");
    }

    @Test
    void featuresAreEnabledByTheirGroupNames() throws Exception {
        // A memory with 64-bit limits (flags 0x04) decodes only with memory64 on.
        new Scripts(folder).module("mem64.wasm", Scripts.VALID + "050301" + "0401");
        Path script = new Scripts(folder).script("m.json", command("module", 1, "mem64.wasm", null));

        assertThat(cli.windlass("wast", script.toString())).isEqualTo(1);
        assertThat(cli.windlass("wast", "--features", "tail-call,memory64", script.toString())).isZero();
    }

    @Test
    void unknownFeaturesAndMissingPathsAreUsageErrors() {
        assertThat(cli.windlass("wast", "--features", "gc", folder.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("unknown feature 'gc'");

        assertThat(cli.windlass("wast", folder.resolve("nothing-here").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no such file or folder");
    }
}
