package dev.windlass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.sandbox.Engine;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every workload of the peer benchmarks ({@code shared/bench}: our kernels and the Sightglass
 * programs) through {@code windlass run --bench}, as the harness runs it: exit status 0, exactly
 * one JSON line with the phase times and {@code run_ms} (the guest called {@code bench.start} and
 * {@code bench.end}), and guest stdout equal to the workload's {@code .stdout.expected} where it
 * has one (hashset, richards and sqlite3 have none).
 *
 * <p>By default a representative fast subset runs ({@link #FAST}: 15 workloads, 24 s on two
 * cores under a load of 9-12); {@code -Dwindlass.bench.all=true} runs all 39 (2 min 45 s under
 * the same load, 41 s at a load of ~4). Skipped, with the reason: modules that need SIMD, which the compiler does not do
 * yet (found by the {@link UnsupportedFeatureException} of compiling them), and blind-sig while
 * its input is missing ({@link #MISSING_INPUTS}).
 */
class BenchWorkloadsTest {

    /**
     * The default subset, a second or less of run each: our C kernels, small and large modules
     * (noop 51 KiB to hashset 1.2 MiB), C, C++, Rust and Go, programs that read input files
     * (bz2, regex, pulldown-cmark, tinygo-json) and one that needs SIMD (blake3-simd).
     */
    static final Set<String> FAST = Set.of("fib", "nbody", "sieve", "noop", "hashset", "shootout-keccak",
            "shootout-matrix", "shootout-switch", "shootout-xchacha20", "shootout-random", "bz2", "regex",
            "pulldown-cmark", "tinygo-json", "blake3-simd");

    /**
     * Inputs that workloads open but {@code shared/bench} does not hold (left out of the mirror):
     * every runtime fails these the same way (V8 too), so they are skipped while the file is absent.
     */
    static final Map<String, String> MISSING_INPUTS = Map.of("blind-sig", "secret.der");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SIMD = Pattern.compile("v128|[if](8x16|16x8|32x4|64x2)");

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> everyWorkloadRunsThroughWindlassRunBenchAndPrintsItsExpectedOutput() {
        Path bench = SharedTestData.require("bench");
        boolean all = Boolean.getBoolean("windlass.bench.all");
        List<Path> workloads = Stream.concat(modules(bench.resolve("kernels/wasm")),
                        modules(bench.resolve("sightglass")))
                .filter(wasm -> all || FAST.contains(name(wasm)))
                .toList();
        assertThat(workloads).as("workloads under %s", bench).hasSizeGreaterThanOrEqualTo(all ? 30 : FAST.size());
        return workloads.stream().map(wasm -> DynamicTest.dynamicTest(name(wasm), wasm.toUri(), () -> run(wasm)));
    }

    private void run(Path wasm) throws IOException {
        String input = MISSING_INPUTS.get(name(wasm));
        Assumptions.assumeTrue(input == null || Files.exists(wasm.resolveSibling(input)),
                () -> "reads ./" + input + ", which shared/bench does not hold (every peer fails it)");
        Path stdout = folder.resolve(name(wasm) + ".stdout");
        CliRun cli = new CliRun();
        long start = System.nanoTime();
        int status = cli.windlass("run", "--bench", "--bench-stdout", stdout.toString(), wasm.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (status != 0) {
            skipIfSimd(wasm);
        }
        assertThat(status).as("status; stderr:%n%s", tail(cli.err())).isZero();

        List<String> lines = cli.out().lines().toList();
        assertThat(lines).as("stdout").hasSize(1);
        JsonNode json = JSON.readTree(lines.get(0));
        assertThat(json.get("runner").asString()).isEqualTo("windlass");
        assertThat(json.get("wasm").asString()).isEqualTo(wasm.toAbsolutePath().normalize().toString());
        assertThat(json.get("exit_code").asInt()).isZero();
        for (String field : List.of("read_ms", "compile_ms", "instantiate_ms", "run_ms", "main_ms")) {
            assertThat(json.get(field).isNumber()).as("%s in %s", field, json).isTrue();
            assertThat(json.get(field).asDouble()).as(field).isNotNegative();
        }
        assertThat(json.get("main_ms").asDouble()).isGreaterThanOrEqualTo(json.get("run_ms").asDouble());

        Optional<Path> expected = expectedStdout(wasm);
        if (expected.isPresent()) {
            assertThat(stdout).as("guest stdout").hasSameBinaryContentAs(expected.get());
        }
        System.out.printf("%s: ok in %d ms (compile %.1f ms, run %.1f ms)%s%n", name(wasm), millis,
                json.get("compile_ms").asDouble(), json.get("run_ms").asDouble(),
                expected.isPresent() ? ", stdout as expected" : ", no expected stdout");
    }

    /** Aborts the test if the module needs SIMD, which the compiler refuses naming the operator. */
    private static void skipIfSimd(Path wasm) throws IOException {
        try (Engine engine = Engine.create()) {
            engine.compile(Files.readAllBytes(wasm));
        } catch (UnsupportedFeatureException e) {
            Assumptions.assumeFalse(SIMD.matcher(e.operator()).find(), "needs SIMD: " + e.getMessage());
        }
    }


    private static Stream<Path> modules(Path folder) {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).sorted().map(BenchWorkloadsTest::onlyModule).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyModule(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> wasms = files.filter(f -> f.toString().endsWith(".wasm")).toList();
            assertThat(wasms).as("the .wasm of %s", dir).hasSize(1);
            return wasms.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the workload's name: its folder's} */
    static String name(Path wasm) {
        return wasm.getParent().getFileName().toString();
    }

    /** {@return the expected stdout as the harness finds it: STEM.stdout.expected, else default.stdout.expected} */
    static Optional<Path> expectedStdout(Path wasm) {
        String stem = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        return Stream.of(stem + ".stdout.expected", "default.stdout.expected")
                .map(wasm::resolveSibling).filter(Files::isRegularFile).findFirst();
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
