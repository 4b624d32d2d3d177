package dev.windlass.cli;

import static dev.windlass.cli.RunCommandTest.module;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Store;
import dev.windlass.wasi.WasiCommand;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiPreview1;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code windlass run --bench} and {@link BenchHost}: the runner contract of {@code shared/bench/README.md}. */
class BenchRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path folder;

    private final CliRun cli = new CliRun();

    private JsonNode onlyLine() {
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).as("stdout holds exactly one line").hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    @Test
    void benchPrintsOneJsonLineOfPhaseTimesAndSendsGuestStdoutToTheGivenFile() throws Exception {
        Path stdout = folder.resolve("guest.out");

        assertThat(cli.windlass("run", "--bench", "--bench-stdout", stdout.toString(), module("bench"))).isZero();

        JsonNode json = onlyLine();
        assertThat(json.get("runner").asString()).isEqualTo("windlass");
        assertThat(json.get("wasm").asString()).isEqualTo(Path.of(module("bench")).toAbsolutePath().toString());
        for (String field : List.of("read_ms", "compile_ms", "instantiate_ms", "run_ms", "main_ms")) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("run_ms").asDouble()).isPositive().isLessThanOrEqualTo(json.get("main_ms").asDouble());
        assertThat(json.get("exit_code").asInt()).isZero();
        assertThat(json.has("compile_warm_ms")).isFalse();
        assertThat(json.get("engine").asString()).startsWith("windlass ").contains("on java 25");
        // argv = [the file's name]
        assertThat(stdout).hasContent("bench.wasm done");
    }

    @Test
    void withoutAStdoutFileTheGuestWritesToStderr() {
        assertThat(cli.windlass("run", "--bench", "--bench-stdout", "", module("bench"))).isZero();

        assertThat(onlyLine().get("exit_code").asInt()).isZero();
        assertThat(cli.err()).contains("bench.wasm done");
    }

    @Test
    void compileRepeatReportsTheFastestWarmCompileAndCompileOnlySkipsStart() {
        assertThat(cli.windlass("run", "--bench", "--bench-compile-repeat", "3", "--bench-compile-only",
                "--bench-stdout", folder.resolve("out").toString(), module("bench"))).isZero();

        JsonNode json = onlyLine();
        assertThat(json.get("compile_repeat").asInt()).isEqualTo(3);
        assertThat(json.get("compile_warm_ms").asDouble()).isPositive();
        assertThat(json.get("run_ms").isNull()).as("run_ms without _start").isTrue();
        assertThat(json.get("main_ms").isNull()).isTrue();
        assertThat(folder.resolve("out")).isEmptyFile();
    }

    @Test
    void aModuleThatCannotLoadOrTrapsPrintsAnErrorLineAndExitsNonZero() throws Exception {
        Path garbage = Files.write(folder.resolve("garbage.wasm"), new byte[] {0, 'a', 's', 'm'});
        assertThat(cli.windlass("run", "--bench", garbage.toString())).isEqualTo(RunCommand.ERROR_STATUS);
        JsonNode json = onlyLine();
        assertThat(json.get("runner").asString()).isEqualTo("windlass");
        assertThat(json.get("error").asString()).contains("WasmMalformedException");
        assertThat(json.has("compile_ms")).isFalse();

        CliRun trapping = new CliRun();
        assertThat(trapping.windlass("run", "--bench", "--fuel", "100", module("spin")))
                .isEqualTo(RunCommand.TRAP_STATUS);
        assertThat(trapping.out().lines()).hasSize(1);
        assertThat(JSON.readTree(trapping.out()).get("error").asString())
                .startsWith("wasm trap: all fuel consumed in function 0 ($spin) at bytecode offset 0x")
                .doesNotContain("\n");
        assertThat(trapping.err()).contains("wasm backtrace:");
    }

    @Test
    void benchNeedsAFileAndRefusesInvoke() {
        assertThat(cli.windlass("run", "--bench")).isEqualTo(2);
        assertThat(cli.err()).contains("--bench needs a module file");
        assertThat(cli.windlass("run", "--bench", "--invoke", "f", module("values"))).isEqualTo(2);
        assertThat(cli.err()).contains("cannot be combined with --invoke");
    }

    @Test
    void benchHostTimesTheRegionBetweenStartAndEndThroughTheApi() {
        BenchHost bench = new BenchHost();
        assertThat(bench.runNanos()).isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Engine engine = Engine.create(); Store store = Store.create(engine)) {
            Linker linker = bench.define(new WasiPreview1(WasiConfig.builder().args("api").stdout(out).build())
                    .define(new Linker()));
            int status = WasiCommand.run(linker, store, engine.compile(readModule("bench")));
            assertThat(status).isZero();
        }
        assertThat(bench.runNanos()).isPresent();
        assertThat(bench.runNanos().getAsLong()).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("api done\n");
    }

    @Test
    void theJsonLineEscapesAndOmitsWhatItShould() {
        BenchResult result = new BenchResult("windlass", "/a \"b\"/m.wasm", 1, 2.5, 0.125, null, 3.0, 7, null, 0, "e");
        assertThat(result.toJson()).isEqualTo("{\"runner\":\"windlass\",\"wasm\":\"/a \\\"b\\\"/m.wasm\","
                + "\"read_ms\":1.0,\"compile_ms\":2.5,\"instantiate_ms\":0.125,\"run_ms\":null,\"main_ms\":3.0,"
                + "\"exit_code\":7,\"engine\":\"e\"}");
        assertThat(BenchResult.millis(1_234_567)).isEqualTo(1.235);

        String message = "trap\nat \"x\" \\ \t\u0001 é";
        JsonNode error = JSON.readTree(BenchResult.errorJson("windlass", "/m.wasm", message));
        assertThat(error.get("error").asString()).isEqualTo(message);
        assertThat(BenchResult.errorJson("windlass", "/m.wasm", message)).doesNotContain("\n");
    }

    private static byte[] readModule(String name) {
        try {
            return Files.readAllBytes(Path.of(module(name)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
