package dev.windlass.cli.wast;

import dev.windlass.cli.FeaturesOption;
import dev.windlass.sandbox.MemoryStrategy;
import dev.windlass.winch.wasm.WasmFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code windlass wast [--features LIST] [--memory-strategy STRATEGY] PATH...}: runs spec test scripts and reports, per file
 * and in total, what passed, failed and was skipped. Exit status 0 if and only if nothing failed.
 */
@Command(
        name = "wast",
        mixinStandardHelpOptions = true,
        description = {
            "Runs WebAssembly spec test scripts (wast2json .json files, or folders searched recursively).",
            "Commands this build cannot run yet are counted as skipped, with their reason."
        })
public final class WastCommand implements Callable<Integer> {

    /** Proposals on top of Wasm 2.0. */
    @CommandLine.Mixin
    private FeaturesOption features;

    @CommandLine.Option(names = "--memory-strategy", paramLabel = "STRATEGY", defaultValue = "EXPLICIT_CHECKS",
            description = "How 32-bit memory accesses stay in bounds: EXPLICIT_CHECKS (default) or GUARD_PAGES.")
    private MemoryStrategy memoryStrategy;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Script files or folders.")
    private List<Path> paths;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        WasmFeatures enabled = features.on(WasmFeatures.wasm2(), spec.commandLine());
        List<Path> scripts = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: " + path);
            }
            scripts.addAll(findScripts(path));
        }
        PrintWriter out = spec.commandLine().getOut();
        Summary summary = run(new WastRunner(enabled, memoryStrategy), scripts, out);
        out.flush();
        return summary.failed() == 0 ? 0 : 1;
    }

    /** The {@code .json} scripts under {@code path} (itself, if it is a file), in a stable order. */
    public static List<Path> findScripts(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every script, printing one line per file, each failure, and the totals. */
    public static Summary run(WastRunner runner, List<Path> scripts, PrintWriter out) {
        int passed = 0;
        int failed = 0;
        int mismatches = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path script : scripts) {
            FileResult result = runner.run(script);
            out.printf("%s: %d passed, %d failed, %d skipped%n",
                    script, result.passed(), result.failed(), result.skipped());
            for (Failure failure : result.failures()) {
                out.println("  " + failure.toString().replace("\n", "\n  "));
            }
            passed += result.passed();
            failed += result.failed();
            mismatches += result.reasonTextMismatches();
            result.skippedByReason().forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
        }
        Summary summary = new Summary(passed, failed, skipped, mismatches);
        if (!skipped.isEmpty()) {
            out.println("skipped:");
            skipped.forEach((reason, n) -> out.printf("  %6d  %s%n", n, reason));
        }
        out.printf("error messages differing from the spec interpreter's text (phase matched): %d%n", mismatches);
        out.printf("%d passed, %d failed, %d skipped%n", passed, failed, summary.skipped());
        return summary;
    }

    /** Totals over a run of scripts. */
    public record Summary(int passed, int failed, Map<String, Integer> skippedByReason, int reasonTextMismatches) {
        public int skipped() {
            return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
