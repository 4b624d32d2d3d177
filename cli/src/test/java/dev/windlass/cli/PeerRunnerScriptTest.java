package dev.windlass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code benchmarks/peer-runner}'s failures keep the harness's runner contract: one JSON line
 * with {@code "error"} on stdout and a non-zero status, whatever went wrong before Java started.
 * (Its success path is {@link BenchRunTest}'s {@code run --bench}, which the script execs.)
 */
class PeerRunnerScriptTest {

    private static final Path SCRIPT = Path.of("..", "benchmarks", "peer-runner").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void withoutAModuleItPrintsAnErrorLineAndFails() throws Exception {
        Result result = run(Map.of());
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.json().get("runner").asString()).isEqualTo("windlass");
        assertThat(result.json().get("error").asString()).contains("usage: peer-runner");
    }

    @Test
    void aMissingJarIsAnErrorLineNamingIt() throws Exception {
        Path missing = folder.resolve("no-such.jar");
        Result result = run(Map.of("WINDLASS_JAR", missing.toString()), folder.resolve("m.wasm").toString());
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.json().get("wasm").asString()).isEqualTo(folder.resolve("m.wasm").toString());
        assertThat(result.json().get("error").asString()).contains("no jar at " + missing);
    }

    private record Result(int status, JsonNode json) {
    }

    private static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(SCRIPT.toString());
        builder.command().addAll(List.of(args));
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().toList()).as("stdout: one JSON line").hasSize(1);
        return new Result(process.exitValue(), JsonMapper.builder().build().readTree(out));
    }
}
