package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.sandbox.fuzz.ModuleGenerator;
import dev.windlass.sandbox.fuzz.ModuleGenerator.GeneratedModule;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Differential testing with modules from {@link ModuleGenerator}, aimed at the compile-time
 * state of a single-pass compiler at merges: each runs in Windlass, in Chicory's interpreter and
 * in V8 (node), which must agree on every call's results, traps and host-import log, and on
 * the {@code state} export after each function's calls.
 *
 * <ul>
 * <li>{@code -Dwindlass.gen.seed=N} repeats a run (the seed is printed), {@code
 *     -Dwindlass.gen.modules=N} sets how many modules it makes (default 2,000; a long run is
 *     the same test with 1,000,000);</li>
 * <li>{@code -Dwindlass.gen.module=M} with the seed replays one module;</li>
 * <li>{@code -Dwindlass.codegen.reintroduce=...} (a switch of the compiler that puts a fixed
 *     bug back) runs the power check: how many modules it takes to find a disagreement, which
 *     must be within {@code windlass.gen.modules} (default 10,000 there).</li>
 * </ul>
 *
 * Even modules run in Windlass with epoch interruption and a timeout per call, odd ones with
 * fuel, so a hang traps instead of stalling the run. Without node the test is skipped, except
 * under {@code CI=true}, where it fails. Disagreeing modules are saved with the command that
 * replays them ({@link DisagreementArchive}).
 */
class GeneratedModulesTest {

    private static final Duration CALL_LIMIT = Duration.ofMillis(Long.getLong("windlass.diff.callMillis", 2000));
    /** No compile cache: every module is new, and a long run would only fill the test JVM's small heap. */
    private static final Config WITH_EPOCHS = Config.builder().epochInterruption(true).compileCacheBytes(0).build();
    private static final Config WITH_FUEL = Config.builder().consumeFuel(true).compileCacheBytes(0).build();
    private static final String REINTRODUCE = "windlass.codegen.reintroduce";

    @Test
    void generatedModulesBehaveAlikeInWindlassChicoryAndV8() {
        long seed = Long.getLong("windlass.gen.seed", new Random().nextLong());
        int count = Integer.getInteger("windlass.gen.modules", 2000);
        System.out.println("GeneratedModulesTest: seed " + seed + " (-Dwindlass.gen.seed=" + seed + " repeats it), "
                + count + " modules");
        try (NodeDriver v8 = requireNode(); DifferentialHarness harness = harness(v8)) {
            long start = System.nanoTime();
            long lastReport = start;
            for (int index = 0; index < count; index++) {
                compare(harness, ModuleGenerator.generate(seed, index));
                if (System.nanoTime() - lastReport > 60_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.println("GeneratedModulesTest progress: " + progress(harness, v8, start));
                }
            }
            System.out.println("GeneratedModulesTest (seed " + seed + "): " + progress(harness, v8, start));
            report(harness);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "windlass.gen.module", matches = "\\d+")
    void replayOneModule() {
        long seed = Long.getLong("windlass.gen.seed", 0);
        GeneratedModule module = ModuleGenerator.generate(seed, Integer.getInteger("windlass.gen.module"));
        try (NodeDriver v8 = requireNode(); DifferentialHarness harness = harness(v8)) {
            new DisagreementArchive(DisagreementArchive.DEFAULT_DIR, GeneratedModulesTest::replayCommand)
                    .save(module.label(), module.bytes(), "replayed " + module.label());
            compare(harness, module);
            System.out.println("GeneratedModulesTest replay of " + module.label() + " (saved in "
                    + DisagreementArchive.DEFAULT_DIR + "): " + harness.summary());
            report(harness);
        }
    }

    /**
     * With a fixed bug put back by {@code -Dwindlass.codegen.reintroduce}: modules until the
     * first disagreement, which must come within {@code windlass.gen.modules} (default 10,000),
     * for each of {@code -Dwindlass.gen.powerSeeds} seeds (default 1) from the seed on.
     */
    @Test
    @EnabledIfSystemProperty(named = REINTRODUCE, matches = ".+")
    void findsAReintroducedBug() {
        long firstSeed = Long.getLong("windlass.gen.seed", new Random().nextLong());
        int limit = Integer.getInteger("windlass.gen.modules", 10_000);
        List<Integer> counts = new ArrayList<>();
        try (NodeDriver v8 = requireNode()) {
            for (long seed = firstSeed; seed < firstSeed + Integer.getInteger("windlass.gen.powerSeeds", 1); seed++) {
                counts.add(modulesUntilADisagreement(v8, seed, limit));
            }
        }
        System.out.println("GeneratedModulesTest power (" + REINTRODUCE + "=" + System.getProperty(REINTRODUCE)
                + "): modules until the first disagreement, seeds " + firstSeed + "...: " + counts);
        assertThat(counts).as("modules until the first disagreement (at most " + limit + " were tried)")
                .allMatch(count -> count <= limit);
    }

    /** {@return how many modules of {@code seed} it took to find a disagreement, or {@code limit + 1}} */
    private static int modulesUntilADisagreement(NodeDriver v8, long seed, int limit) {
        try (DifferentialHarness harness = harness(v8)) {
            long start = System.nanoTime();
            for (int index = 0; index < limit; index++) {
                compare(harness, ModuleGenerator.generate(seed, index));
                if (!harness.mismatches().isEmpty() || !harness.hangs().isEmpty()) {
                    System.out.println("GeneratedModulesTest power, seed " + seed + ": first disagreement after "
                            + (index + 1) + " modules, " + Math.round(seconds(start)) + " s");
                    harness.printDetails();
                    return index + 1;
                }
            }
            System.out.println("GeneratedModulesTest power, seed " + seed + ": no disagreement in " + limit + " modules");
            return limit + 1;
        }
    }

    private static DifferentialHarness harness(NodeDriver v8) {
        return new DifferentialHarness(CALL_LIMIT, v8)
                .archiveTo(new DisagreementArchive(DisagreementArchive.DEFAULT_DIR, GeneratedModulesTest::replayCommand));
    }

    /** Validates the module with the project's validator (a generator bug otherwise), then compares it. */
    private static void compare(DifferentialHarness harness, GeneratedModule module) {
        try {
            ModuleValidator.validate(ModuleDecoder.decode(module.bytes(), WasmFeatures.defaults()));
        } catch (RuntimeException e) {
            throw new AssertionError("the generator made an invalid module: " + module.label() + ": " + e.getMessage()
                    + "\nreplay: " + replayCommand(module.label()), e);
        }
        List<DifferentialHarness.Call> calls = module.calls().stream()
                .map(call -> new DifferentialHarness.Call(call.export(), call.params(), call.args())).toList();
        harness.compare(module.label(), module.bytes(), wasm -> calls, ModuleGenerator.RESET_EXPORT,
                module.index() % 2 == 0 ? WITH_EPOCHS : WITH_FUEL);
    }

    /** {@return the command that replays the generated module labelled {@code label}} */
    static String replayCommand(String label) {
        String seed = label.replaceAll("gen-seed(-?\\d+)-module\\d+", "$1");
        String index = label.replaceAll("gen-seed-?\\d+-module(\\d+)", "$1");
        String switched = System.getProperty(REINTRODUCE);
        String reintroduce = switched == null ? "" : " -D" + REINTRODUCE + "=" + switched;
        return "./mvnw -B -o -pl sandbox-api -am test -Dtest=GeneratedModulesTest#replayOneModule"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dwindlass.gen.seed=" + seed + " -Dwindlass.gen.module=" + index
                + reintroduce;
    }

    private static NodeDriver requireNode() {
        Optional<NodeDriver> driver = NodeDriver.find();
        DifferentialTest.requireInput(driver.isPresent(), "node is not on the PATH; install Node.js to run V8's side");
        return driver.get();
    }

    private static String progress(DifferentialHarness harness, NodeDriver v8, long start) {
        double seconds = seconds(start);
        return harness.summary() + "; node hangs or deaths " + v8.failures() + "; " + Math.round(seconds) + " s, "
                + Math.round(harness.modules() / seconds) + " modules/s";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Prints what disagreed; fails on any disagreement, hang or module not compared (each is a bug). */
    private static void report(DifferentialHarness harness) {
        harness.printDetails();
        assertThat(harness.skippedModules()).as("modules not compared (every generated module must be)").isEmpty();
        assertThat(harness.hangs()).as("Windlass hangs").isEmpty();
        assertThat(harness.mismatches()).as("mismatches").isEmpty();
    }
}
