package dev.windlass.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.cli.SharedTestData;
import dev.windlass.sandbox.MemoryStrategy;
import dev.windlass.winch.wasm.WasmFeatures.Feature;
import dev.windlass.winch.wasm.WasmFeatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official spec testsuite, every group with exactly its own features: {@code core} with
 * Wasm 2.0, each proposal with Wasm 2.0 + that proposal over its own folder plus the core files
 * it does not supersede (a proposal file supersedes the core file of the same name; see
 * {@code shared/testsuite/README.md}). One dynamic test per script; any failed command fails it.
 * Commands this build cannot run are skipped inside the runner and reported by {@code windlass wast}.
 *
 * <p>{@code -Dwindlass.memoryStrategy=guard-pages} runs everything with guard-page memories
 * instead of explicit bounds checks; {@code -Dwindlass.specScripts=REGEX} keeps only the scripts
 * whose path (relative to the json folder) matches. Bounds checks are Spectre-hardened (the
 * default); {@code core} and {@code memory64}, whose bounds checks differ most, run again without.
 */
class SpecTestSuiteTest {

    @TestFactory
    Stream<DynamicTest> core() {
        return group("core", null);
    }

    @TestFactory
    Stream<DynamicTest> coreWithoutSpectreMitigations() {
        return group("core", null, false);
    }

    @TestFactory
    Stream<DynamicTest> multiMemory() {
        return group("multi-memory", Feature.MULTI_MEMORY);
    }

    @TestFactory
    Stream<DynamicTest> memory64() {
        return group("memory64", Feature.MEMORY64);
    }

    @TestFactory
    Stream<DynamicTest> memory64WithoutSpectreMitigations() {
        return group("memory64", Feature.MEMORY64, false);
    }

    @TestFactory
    Stream<DynamicTest> tailCall() {
        return group("tail-call", Feature.TAIL_CALL);
    }

    @TestFactory
    Stream<DynamicTest> extendedConst() {
        return group("extended-const", Feature.EXTENDED_CONST);
    }

    private static Stream<DynamicTest> group(String name, Feature proposal) {
        return group(name, proposal, true);
    }

    private static Stream<DynamicTest> group(String name, Feature proposal, boolean spectreMitigations) {
        Path json = SharedTestData.require("testsuite/json");
        WasmFeatures features = proposal == null ? WasmFeatures.wasm2() : WasmFeatures.wasm2().with(proposal);
        WastRunner runner = new WastRunner(features, memoryStrategy(), spectreMitigations);
        String label = spectreMitigations ? name : name + " (no Spectre mitigations)";
        List<Path> scripts = new ArrayList<>(WastCommand.findScripts(json.resolve(name)));
        if (proposal != null) {
            scripts.addAll(coreNotSupersededBy(json.resolve("core"), json.resolve(name)));
        }
        assertThat(scripts).as("scripts of group %s", name).isNotEmpty();
        String only = System.getProperty("windlass.specScripts");
        if (only != null && !only.isBlank()) {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(only);
            scripts.removeIf(script -> !pattern.matcher(json.relativize(script).toString()).find());
        }
        return scripts.stream().map(script -> DynamicTest.dynamicTest(
                label + ": " + json.relativize(script), script.toUri(), () -> {
                    FileResult result = runner.run(script);
                    assertThat(result.failures()).as(() -> report(result)).isEmpty();
                    assertThat(result.passed() + result.skipped()).as("commands counted in %s", script).isPositive();
                }));
    }

    private static MemoryStrategy memoryStrategy() {
        String value = System.getProperty("windlass.memoryStrategy", "explicit-checks");
        return MemoryStrategy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private static List<Path> coreNotSupersededBy(Path core, Path proposal) {
        Set<String> superseded;
        try (Stream<Path> folders = Files.list(proposal)) {
            superseded = folders.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return WastCommand.findScripts(core).stream()
                .filter(script -> !superseded.contains(script.getParent().getFileName().toString()))
                .toList();
    }

    private static String report(FileResult result) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("%s: %d failed%n", result.script(), result.failed());
        result.failures().forEach(out::println);
        out.flush();
        return text.toString();
    }
}
