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
    void textModulesAndCommandsOnModulesThatCannotRunAreSkippedWithTheirReason() throws Exception {
        FileResult result = runner.run(scripts.script("skip.json",
                textCommand("assert_malformed", 1),
                textCommand("assert_invalid", 2),
                "{\"type\": \"assert_return\", \"line\": 3, \"action\": {\"type\": \"invoke\", \"field\": \"f\", "
                        + "\"args\": []}, \"expected\": []}"));

        assertThat(result.failures()).isEmpty();
        assertThat(result.skippedByReason()).isEqualTo(Map.of(
                WastRunner.SKIP_TEXT, 2,
                "no module instantiated yet", 1));
    }

    @Test
    void modulesRunAndTheirResultsAreChecked() throws Exception {
        // (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
        scripts.module("add.wasm", "0061736d01000000" + "0107016002 7f7f 017f" + "03020100"
                + "0707010361646400 00" + "0a09010700200020016a0b");
        FileResult result = runner.run(scripts.script("run.json",
                command("module", 1, "add.wasm", null),
                invoke("assert_return", 2, "add", "[{\"type\": \"i32\", \"value\": \"5\"}]", "2", "3"),
                invoke("assert_return", 3, "add", "[{\"type\": \"i32\", \"value\": \"0\"}]", "4294967295", "1"),
                invoke("assert_return", 4, "add", "[{\"type\": \"i32\", \"value\": \"7\"}]", "1", "1"),
                invoke("assert_trap", 5, "add", "[]", "1", "1")));

        assertThat(result.passed()).isEqualTo(3);
        assertThat(result.failures()).extracting(Failure::line).containsExactly(4, 5);
        assertThat(result.failures().get(0).got()).isEqualTo("[2]");
    }

    @Test
    void anUnlinkableModuleMustFailToLink() throws Exception {
        // (import "env" "missing" (func))
        scripts.module("import.wasm", "0061736d01000000" + "0104016000 00" + "020f0103656e76076d697373696e670000");
        FileResult result = runner.run(scripts.script("link.json",
                command("assert_unlinkable", 1, "import.wasm", "unknown import"),
                command("assert_unlinkable", 2, "valid.wasm", "unknown import")));

        assertThat(result.passed()).isEqualTo(1);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.got()).isEqualTo("instantiated"));
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

    static String invoke(String type, int line, String field, String expected, String... args) {
        StringBuilder a = new StringBuilder();
        for (String arg : args) {
            a.append(a.length() == 0 ? "" : ", ").append("{\"type\": \"i32\", \"value\": \"").append(arg).append("\"}");
        }
        return "{\"type\": \"" + type + "\", \"line\": " + line + ", \"action\": {\"type\": \"invoke\", \"field\": \""
                + field + "\", \"args\": [" + a + "]}, \"expected\": " + expected + ", \"text\": \"x\"}";
    }

    static String textCommand(String type, int line) {
        return "{\"type\": \"" + type + "\", \"line\": " + line
                + ", \"filename\": \"x.wat\", \"text\": \"unknown operator\", \"module_type\": \"text\"}";
    }
}
