package dev.windlass.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.WasmFeatures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WastRunnerTest {

    @TempDir
    Path folder;

    private Scripts scripts;
    private final WastRunner runner = new WastRunner(WasmFeatures.wasm2());

    @BeforeEach
    void modules() throws Exception {
        scripts = new Scripts(folder)
                .module("valid.wasm", Scripts.VALID)
                .module("malformed.wasm", Scripts.MALFORMED)
                .module("invalid.wasm", Scripts.INVALID);
    }

    @Test
    void expectedOutcomesPass() throws Exception {
        FileResult result = runner.run(scripts.script("ok.json",
                command("module", 1, "valid.wasm", null),
                command("assert_malformed", 2, "malformed.wasm", "unknown binary version"),
                command("assert_invalid", 3, "invalid.wasm", "type mismatch")));

        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isEqualTo(3);
        assertThat(result.skipped()).isZero();
        assertThat(result.reasonTextMismatches()).isZero();
    }

    @Test
    void aModuleThatDoesNotValidateFails() throws Exception {
        FileResult result = runner.run(scripts.script("bad.json", command("module", 7, "invalid.wasm", null)));

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(7);
            assertThat(f.command()).isEqualTo("module invalid.wasm");
            assertThat(f.expected()).isEqualTo("a valid module");
            assertThat(f.got()).startsWith("invalid: type mismatch");
        });
    }

    @Test
    void theErrorMustComeFromTheRightPhase() throws Exception {
        FileResult result = runner.run(scripts.script("phase.json",
                command("assert_malformed", 1, "invalid.wasm", "type mismatch"),
                command("assert_invalid", 2, "malformed.wasm", "unknown binary version"),
                command("assert_malformed", 3, "valid.wasm", "unexpected end"),
                command("assert_invalid", 4, "valid.wasm", "type mismatch")));

        assertThat(result.passed()).isZero();
        assertThat(result.failures()).extracting(Failure::got).containsExactly(
                "invalid: type mismatch: expected i32 but the operand stack is empty (at byte offset 0x18, in function 0)",
                "malformed: unknown binary version (at byte offset 0x4)",
                "decoded and validated",
                "validated");
    }

    @Test
    void whatCannotRunYetIsSkippedWithItsReason() throws Exception {
        FileResult result = runner.run(scripts.script("skip.json",
                textCommand("assert_malformed", 1),
                textCommand("assert_invalid", 2),
                command("assert_unlinkable", 3, "valid.wasm", "unknown import"),
                command("assert_uninstantiable", 4, "valid.wasm", "unreachable"),
                "{\"type\": \"assert_return\", \"line\": 5, \"action\": {\"type\": \"invoke\", \"field\": \"f\", "
                        + "\"args\": []}, \"expected\": []}",
                "{\"type\": \"register\", \"line\": 6, \"as\": \"M\"}"));

        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isZero();
        assertThat(result.skippedByReason()).isEqualTo(Map.of(
                WastRunner.SKIP_TEXT, 2,
                WastRunner.SKIP_LINKING, 1,
                WastRunner.SKIP_INSTANTIATION, 1,
                WastRunner.SKIP_EXECUTION, 2));
    }

    @Test
    void anUnlinkableModuleMustStillValidate() throws Exception {
        FileResult result = runner.run(scripts.script("link.json",
                command("assert_unlinkable", 3, "invalid.wasm", "unknown import")));

        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.got()).startsWith("invalid: type mismatch"));
    }

    @Test
    void aDifferentMessageInTheRightPhaseIsCountedButPasses() throws Exception {
        FileResult result = runner.run(scripts.script("text.json",
                command("assert_malformed", 1, "malformed.wasm", "magic header not detected")));

        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isEqualTo(1);
        assertThat(result.reasonTextMismatches()).isEqualTo(1);
    }

    @Test
    void aMissingModuleFileIsAFailureNotACrash() throws Exception {
        FileResult result = runner.run(scripts.script("missing.json",
                command("module", 1, "nowhere.wasm", null),
                command("module", 2, "valid.wasm", null)));

        assertThat(result.passed()).isEqualTo(1);
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.got()).contains("cannot read module nowhere.wasm"));
    }

    @Test
    void anUnreadableScriptIsAFailure() throws Exception {
        Path broken = folder.resolve("broken.json");
        java.nio.file.Files.writeString(broken, "{ not json");

        FileResult result = runner.run(broken);

        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.expected()).isEqualTo("a wast2json script"));
    }

    static String command(String type, int line, String file, String text) {
        return "{\"type\": \"" + type + "\", \"line\": " + line + ", \"filename\": \"" + file + "\""
                + (text == null ? "" : ", \"text\": \"" + text + "\", \"module_type\": \"binary\"") + "}";
    }

    static String textCommand(String type, int line) {
        return "{\"type\": \"" + type + "\", \"line\": " + line
                + ", \"filename\": \"x.wat\", \"text\": \"unknown operator\", \"module_type\": \"text\"}";
    }
}
