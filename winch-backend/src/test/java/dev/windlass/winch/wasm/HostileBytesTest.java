package dev.windlass.winch.wasm;

import static dev.windlass.winch.wasm.TestModules.concat;
import static dev.windlass.winch.wasm.TestModules.module;
import static dev.windlass.winch.wasm.TestModules.name;
import static dev.windlass.winch.wasm.TestModules.raw;
import static dev.windlass.winch.wasm.TestModules.u32;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.IsolatedDecode.Outcome;
import dev.windlass.winch.wasm.IsolatedDecode.Result;
import dev.windlass.winch.wasm.WasmMutator.Mutant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile bytes: whatever the input, decoding and validation end in success, a
 * {@link WasmMalformedException} or a {@link WasmInvalidException} -- never another exception,
 * a {@link StackOverflowError}, an {@link OutOfMemoryError} or a hang -- and never allocate in
 * proportion to a length field rather than to the input (see {@link IsolatedDecode#allocationBound}).
 *
 * <p>The property test mutates real modules from the shared test data. Reproduce a failure
 * with the seed it prints: {@code -Dwindlass.fuzz.seed=S}; run longer with
 * {@code -Dwindlass.fuzz.iterations=N}. The targeted tests build the classic attacks by hand.
 */
class HostileBytesTest {

    private static final WasmFeatures ALL_FEATURES = WasmFeatures.wasm2().with(WasmFeatures.Feature.values());
    private static final Duration PER_INPUT_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_ITERATIONS = 10_000;
    private static final int TESTSUITE_SAMPLE = 300;
    private static final int MAX_REPORTED_FAILURES = 10;

    private static IsolatedDecode decoder;

    @BeforeAll
    static void startWorker() {
        decoder = new IsolatedDecode(ALL_FEATURES, PER_INPUT_TIMEOUT);
    }

    @AfterAll
    static void stopWorker() {
        decoder.close();
    }

    // ---- The property test ----

    /** One corpus module: where it came from and its bytes. */
    private record Seed(String name, byte[] bytes) {
    }

    @Test
    void mutatedRealModulesOnlyEverFailWithWasmExceptionsAndBoundedAllocation() {
        long seed = Long.getLong("windlass.fuzz.seed", new SplittableRandom().nextLong());
        int iterations = Integer.getInteger("windlass.fuzz.iterations", DEFAULT_ITERATIONS);
        System.out.println("HostileBytesTest: seed=" + seed + " (reproduce with -Dwindlass.fuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Path shared = SharedTestData.root();
        List<Seed> corpus = loadCorpus(shared, random);
        int benchmarks = (int) corpus.stream().filter(s -> s.name().startsWith("bench")).count();
        assertThat(benchmarks).as("benchmark modules under %s/bench/sightglass", shared).isPositive();

        Stats stats = new Stats();
        long started = System.nanoTime();
        for (Seed s : corpus) {
            stats.check(s, new Mutant(s.bytes(), "unmutated"));
            for (Mutant m : WasmMutator.truncationsAtSectionBoundaries(s.bytes())) {
                stats.check(s, m);
            }
        }
        for (int i = 0; i < iterations && stats.failures.size() < MAX_REPORTED_FAILURES; i++) {
            // Half of the bases are real programs (benchmarks), half small spec-test modules.
            Seed base = corpus.get(random.nextBoolean() ? random.nextInt(benchmarks) : random.nextInt(corpus.size()));
            Seed donor = corpus.get(random.nextInt(corpus.size()));
            stats.check(base, WasmMutator.mutate(random, base.bytes(), donor.bytes()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("HostileBytesTest: seed=%d corpus=%d inputs=%d outcomes=%s"
                        + " maxAllocation=%.1f bytes/input byte (inputs >= 64 KiB), peak %.1f MiB, %.0f%% of bound; %.1f s%n",
                seed, corpus.size(), stats.inputs, stats.outcomes, stats.maxRatio, stats.peakAllocation / 1048576.0,
                100 * stats.maxBoundFraction, seconds);
        assertThat(stats.failures).as("hostile inputs that broke the front end (seed " + seed + ")").isEmpty();
    }

    /** The sightglass benchmark modules first, then a sample of the spec testsuite's modules. */
    private static List<Seed> loadCorpus(Path shared, SplittableRandom random) {
        List<Seed> corpus = new ArrayList<>();
        List<Path> sightglass = wasmFiles(shared.resolve("bench/sightglass"), 2);
        List<Path> testsuite = wasmFiles(shared.resolve("testsuite/json"), Integer.MAX_VALUE);
        for (Path p : sightglass) {
            corpus.add(read(shared, p));
        }
        for (int i = 0; i < TESTSUITE_SAMPLE && !testsuite.isEmpty(); i++) {
            corpus.add(read(shared, testsuite.remove(random.nextInt(testsuite.size()))));
        }
        return corpus;
    }

    private static List<Path> wasmFiles(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".wasm") && Files.isRegularFile(p)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Seed read(Path shared, Path file) {
        try {
            return new Seed(shared.relativize(file).toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the property test saw. */
    private static final class Stats {
        final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        final List<String> failures = new ArrayList<>();
        int inputs;
        double maxRatio;
        double maxBoundFraction;
        long peakAllocation;

        void check(Seed base, Mutant mutant) {
            byte[] bytes = mutant.bytes();
            Result r = decoder.run(bytes);
            inputs++;
            outcomes.merge(r.outcome(), 1, Integer::sum);
            long bound = IsolatedDecode.allocationBound(bytes.length);
            if (r.allocatedBytes() >= 0) {
                peakAllocation = Math.max(peakAllocation, r.allocatedBytes());
                maxBoundFraction = Math.max(maxBoundFraction, (double) r.allocatedBytes() / bound);
                if (bytes.length >= 65536) {
                    maxRatio = Math.max(maxRatio, (double) r.allocatedBytes() / bytes.length);
                }
            }
            String problem = !r.acceptable() ? r.outcome() + ": " + r.error()
                    : r.allocatedBytes() > bound ? "allocated " + r.allocatedBytes() + " bytes, bound " + bound
                    : null;
            if (problem != null && failures.size() < MAX_REPORTED_FAILURES) {
                failures.add(problem + " -- corpus " + base.name() + ", " + bytes.length + " bytes, mutation: "
                        + mutant.description());
                if (r.error() != null && !(r.error() instanceof WasmException)) {
                    r.error().printStackTrace(System.out);
                }
            }
        }
    }

    // ---- Targeted attacks, built by hand ----

    /** Decodes and validates in isolation; asserts the outcome, then the allocation bound. */
    private static void assertOutcome(byte[] bytes, Outcome expected) {
        Result r = decoder.run(bytes);
        assertThat(r.outcome()).as("outcome; error: %s", r.error()).isEqualTo(expected);
        assertThat(r.allocatedBytes()).as("bytes allocated for a %d-byte input", bytes.length)
                .isBetween(0L, IsolatedDecode.allocationBound(bytes.length));
    }

    private static byte[] repeat(int times, int... pattern) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(times * pattern.length);
        byte[] p = raw(pattern);
        for (int i = 0; i < times; i++) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static int[] ints(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    private static byte[] function(byte[] localsAndCode) {
        byte[] codeSection = concat(raw(1), u32(localsAndCode.length), localsAndCode);
        return module()
                .section(1, 1, 0x60, 0, 0)
                .section(3, 1, 0)
                .section(10, codeSection)
                .build();
    }

    @Test
    void hundredThousandNestedBlocksValidateWithoutRecursion() {
        byte[] code = concat(raw(0), repeat(100_000, 0x02, 0x40), repeat(100_000, 0x0B), raw(0x0B));
        assertOutcome(function(code), Outcome.VALID);
    }

    @Test
    void hundredThousandUnclosedBlocksAreMalformed() {
        byte[] code = concat(raw(0), repeat(100_000, 0x02, 0x40), raw(0x0B));
        assertOutcome(function(code), Outcome.MALFORMED);
    }

    @Test
    void hundredThousandNestedBlocksInAnInvalidFunctionAreScannedWithoutRecursion() {
        // Invalid (i32 left on the stack), so the validator scans for malformed bodies with BodyScanner.
        byte[] code = concat(raw(0), repeat(100_000, 0x02, 0x40), raw(0x41, 0), repeat(100_000, 0x0B), raw(0x0B));
        assertOutcome(function(code), Outcome.INVALID);
    }

    @Test
    void brTableClaimingFourBillionTargetsIsMalformed() {
        byte[] code = concat(raw(0, 0x02, 0x40, 0x41, 0x00, 0x0E), u32(0xFFFF_FFFFL), raw(0, 0, 0x0B, 0x0B));
        assertOutcome(function(code), Outcome.MALFORMED);
    }

    @Test
    void fiftyThousandAndOneLocalsAreInvalid() {
        byte[] code = concat(raw(1), u32(50_001), raw(0x7F, 0x0B));
        assertOutcome(function(code), Outcome.INVALID);
    }

    @Test
    void localCountsSummingPastTwoToThe32AreMalformed() {
        byte[] code = concat(raw(2), u32(0xFFFF_FFFFL), raw(0x7F), u32(2), raw(0x7F, 0x0B));
        assertOutcome(function(code), Outcome.MALFORMED);
    }

    @Test
    void localCountOfFourBillionInOneRunIsInvalidNotAllocated() {
        byte[] code = concat(raw(1), u32(0xFFFF_FFFFL), raw(0x7F, 0x0B));
        assertOutcome(function(code), Outcome.INVALID);
    }

    @ParameterizedTest(name = "section id {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void sectionSizeClaimingGigabytesIsMalformed(int id) {
        byte[] bytes = concat(module().build(), raw(id), u32(0xFFFF_FFF0L), raw(0, 0, 0, 0));
        assertOutcome(bytes, Outcome.MALFORMED);
    }

    @ParameterizedTest(name = "section id {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11})
    void vectorCountClaimingFourBillionEntriesIsMalformed(int id) {
        byte[] bytes = module().section(id, concat(u32(0xFFFF_FFFFL), raw(0, 0, 0, 0))).build();
        assertOutcome(bytes, Outcome.MALFORMED);
    }

    @Test
    void typeSectionClaimingFourBillionTypesIsMalformed() {
        byte[] bytes = module().section(1, concat(u32(0xFFFF_FFFFL), raw(0x60, 0, 0))).build();
        assertOutcome(bytes, Outcome.MALFORMED);
    }

    @Test
    void dataSegmentClaimingTwoGigabytesIsMalformed() {
        for (long length : new long[] {0x8000_0000L, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
            byte[] data = concat(raw(1, 0x00, 0x41, 0x00, 0x0B), u32(length), raw(1, 2, 3));
            byte[] bytes = module().section(5, 1, 0, 1).section(11, data).build();
            assertOutcome(bytes, Outcome.MALFORMED);
        }
    }

    @Test
    void nameSectionWithHugeNameMapCountsIsIgnored() {
        byte[] functionNames = concat(u32(0xFFFF_FFFFL), raw(0), name("f"));
        byte[] localNames = concat(raw(1, 0), u32(0xFFFF_FFFFL), raw(0), name("x"));
        byte[] payload = concat(name("name"),
                raw(1), u32(functionNames.length), functionNames,
                raw(2), u32(localNames.length), localNames);
        byte[] bytes = concat(function(raw(0, 0x0B)), raw(0), u32(payload.length), payload);
        assertOutcome(bytes, Outcome.VALID);
        assertThat(ModuleDecoder.decode(bytes, ALL_FEATURES).names().functionNames()).isEmpty();
    }

    @Test
    void nameSectionSubsectionSizeClaimingGigabytesIsIgnored() {
        byte[] payload = concat(name("name"), raw(1), u32(0x7FFF_FFFFL), raw(1, 0), name("f"));
        byte[] bytes = concat(function(raw(0, 0x0B)), raw(0), u32(payload.length), payload);
        assertOutcome(bytes, Outcome.VALID);
    }

    @Test
    void customSectionNameClaimingGigabytesIsMalformed() {
        byte[] payload = concat(u32(0x7FFF_FFFFL), raw('a', 'b'));
        assertOutcome(module().section(0, payload).build(), Outcome.MALFORMED);
    }

    private static byte[] globalWithInit(int type, byte[] init) {
        return module().section(6, concat(raw(1, type, 0), init)).build();
    }

    @Test
    void hundredThousandNestedBlocksInAConstantExpressionAreInvalid() {
        byte[] init = concat(repeat(100_000, 0x02, 0x40), repeat(100_000, 0x0B), raw(0x41, 0, 0x0B));
        assertOutcome(globalWithInit(0x7F, init), Outcome.INVALID);
    }

    @Test
    void hugeExtendedConstantExpressionIsValid() {
        byte[] init = concat(raw(0x41, 1), repeat(100_000, 0x41, 1, 0x6A), raw(0x0B));
        assertOutcome(globalWithInit(0x7F, init), Outcome.VALID);
    }

    @Test
    void constantExpressionLeavingHundredThousandValuesIsInvalid() {
        byte[] init = concat(repeat(100_000, 0x41, 1), raw(0x0B));
        assertOutcome(globalWithInit(0x7F, init), Outcome.INVALID);
    }

    @Test
    void elementSegmentClaimingFourBillionExpressionsIsMalformed() {
        // Passive, expressions (flags 5), funcref, then the count.
        byte[] element = concat(raw(1, 5, 0x70), u32(0xFFFF_FFFFL), raw(0xD2, 0, 0x0B));
        assertOutcome(module().section(9, element).build(), Outcome.MALFORMED);
    }

    @Test
    void functionBodySizeClaimingGigabytesIsMalformed() {
        byte[] codeSection = concat(raw(1), u32(0x7FFF_FFFFL), raw(0, 0x0B));
        byte[] bytes = module().section(1, 1, 0x60, 0, 0).section(3, 1, 0).section(10, codeSection).build();
        assertOutcome(bytes, Outcome.MALFORMED);
    }

    @Test
    void selectWithFourBillionTypesIsMalformed() {
        byte[] code = concat(raw(0, 0x41, 0, 0x41, 0, 0x41, 0, 0x1C), u32(0xFFFF_FFFFL), raw(0x7F, 0x1A, 0x0B));
        assertOutcome(function(code), Outcome.MALFORMED);
    }

    @Test
    void callsPushingAThousandResultsEachStopAtTheOperandStackLimit() {
        // Type 0: [] -> [i32 x 1000]; type 1: [] -> []. Function 0 (type 0) is "unreachable";
        // function 1 calls it 100,000 times: two bytes per call, a thousand operands each. Before
        // MAX_OPERAND_STACK_HEIGHT this 200 KB module made the validator grow its operand stack
        // towards 10^8 entries (gigabytes, then OutOfMemoryError or a multi-second stall).
        byte[] manyResults = concat(raw(0x60, 0), u32(1000), repeat(1000, 0x7F));
        byte[] types = concat(raw(2), manyResults, raw(0x60, 0, 0));
        byte[] caller = concat(raw(0), repeat(100_000, 0x10, 0x00), raw(0x0B));
        byte[] codeSection = concat(raw(2, 3, 0, 0x00, 0x0B), u32(caller.length), caller);
        byte[] bytes = module().section(1, types).section(3, 2, 0, 1).section(10, codeSection).build();
        assertOutcome(bytes, Outcome.INVALID);
    }
}
