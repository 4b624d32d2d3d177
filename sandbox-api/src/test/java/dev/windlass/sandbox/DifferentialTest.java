package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.ExternKind;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing: the same modules run in Windlass and in Chicory's interpreter must give
 * the same results, traps and host-import logs ({@link DifferentialHarness} says exactly what
 * "the same" means). Two sources of modules:
 *
 * <ul>
 * <li>random modules from binaryen's {@code wasm-opt -ttf} ({@link TtfModules}), made from
 *     seeded random bytes. The seed is printed; {@code -Dwindlass.fuzz.seed=N} repeats a run and
 *     {@code -Dwindlass.fuzz.modules=N} sets how many modules it makes (default 2,000: about a minute on 2 cores);</li>
 * <li>every module of the spec testsuite ({@code windlass.shared}/testsuite/json/core) that needs
 *     no imports beyond {@code spectest}, its exported functions called with edge-case and random
 *     arguments.</li>
 * </ul>
 *
 * Without {@code wasm-opt} or the testsuite a part is skipped, except under {@code CI=true},
 * where it fails. Mismatching modules are saved under {@code $TMPDIR/windlass-differential}.
 */
class DifferentialTest {

    private static final boolean CI = "true".equals(System.getenv("CI"));

    /** How long one call may run; {@code -ttf} bounds its loops, so only runaway spec functions hit it. */
    private static final Duration CALL_LIMIT = Duration.ofMillis(Long.getLong("windlass.diff.callMillis", 2000));

    @Test
    void ttfModulesBehaveAlikeInWindlassAndChicory(@TempDir Path dir) throws Exception {
        Optional<Path> wasmOpt = TtfModules.wasmOpt();
        requireInput(wasmOpt.isPresent(), "wasm-opt (binaryen) is not on the PATH; install binaryen to run this part");
        long seed = Long.getLong("windlass.fuzz.seed", new Random().nextLong());
        int count = Integer.getInteger("windlass.fuzz.modules", 2000);
        System.out.println("DifferentialTest ttf: seed " + seed + " (-Dwindlass.fuzz.seed=" + seed + " repeats it), "
                + count + " modules");
        Random random = new Random(seed);
        try (DifferentialHarness harness = new DifferentialHarness(CALL_LIMIT)) {
            for (int m = 0; m < count; m++) {
                byte[] input = new byte[1000 + random.nextInt(4000)];
                random.nextBytes(input);
                byte[] wasm = TtfModules.generate(wasmOpt.get(), input, dir);
                Random arguments = new Random(random.nextLong());
                harness.compare("ttf-seed" + seed + "-module" + m, wasm, module -> ttfCalls(module, arguments),
                        "hangLimitInitializer");
            }
            report("ttf (seed " + seed + ")", harness);
        }
    }

    /** Every exported function, as binaryen's fuzzer calls it (zero arguments), then with random ones. */
    private static List<DifferentialHarness.Call> ttfCalls(WasmModule module, Random random) {
        List<DifferentialHarness.Call> calls = new ArrayList<>();
        for (Export export : module.exports()) {
            if (export.kind() != ExternKind.FUNC || export.name().equals("hangLimitInitializer")) {
                continue;
            }
            List<ValType> params = module.functionType(export.index()).params();
            calls.add(new DifferentialHarness.Call(export.name(), params, new long[params.size()]));
            if (!params.isEmpty()) {
                calls.add(new DifferentialHarness.Call(export.name(), params,
                        params.stream().mapToLong(type -> randomValue(type, random)).toArray()));
            }
        }
        return calls;
    }

    private static final Pattern MODULE_COMMAND =
            Pattern.compile("\\{\"type\": \"module\", [^}]*?\"filename\": \"([^\"]+\\.wasm)\"");

    @Test
    void specModulesBehaveAlikeInWindlassAndChicory() throws Exception {
        Path core = Path.of(System.getProperty("windlass.shared", "../shared"), "testsuite", "json", "core");
        requireInput(Files.isDirectory(core), "the spec testsuite is not at " + core.toAbsolutePath());
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> scripts = Files.walk(core)) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Matcher matcher = MODULE_COMMAND.matcher(Files.readString(script));
                while (matcher.find()) {
                    modules.add(script.resolveSibling(matcher.group(1)));
                }
            }
        }
        Random random = new Random(0x5EC7E57);
        try (DifferentialHarness harness = new DifferentialHarness(Duration.ofMillis(Math.min(CALL_LIMIT.toMillis(),
                Long.getLong("windlass.diff.specCallMillis", 250))))) {
            for (Path path : modules) {
                harness.compare(core.relativize(path).toString(), Files.readAllBytes(path),
                        module -> specCalls(module, random), null);
            }
            report("spec", harness);
        }
    }

    /**
     * Every exported function with number parameters and results, called with all arguments 0,
     * 1, -1, the minimum, the maximum, NaN (random for integers), then twice with random ones.
     */
    private static List<DifferentialHarness.Call> specCalls(WasmModule module, Random random) {
        List<DifferentialHarness.Call> calls = new ArrayList<>();
        for (Export export : module.exports()) {
            if (export.kind() != ExternKind.FUNC) {
                continue;
            }
            FuncType type = module.functionType(export.index());
            if (!Stream.concat(type.params().stream(), type.results().stream()).allMatch(ValType::isNumber)) {
                continue;
            }
            List<ValType> params = type.params();
            int vectors = params.isEmpty() ? 1 : EDGE_CASES + 2;
            for (int v = 0; v < vectors; v++) {
                int edgeCase = v;
                calls.add(new DifferentialHarness.Call(export.name(), params, params.stream()
                        .mapToLong(p -> edgeCase < EDGE_CASES ? edgeValue(p, edgeCase, random) : randomValue(p, random))
                        .toArray()));
            }
        }
        return calls;
    }

    private static final int EDGE_CASES = 6;

    /** {@return edge value {@code k} of {@code type}: 0, 1, -1, min, max, NaN (random for integers)} */
    private static long edgeValue(ValType type, int k, Random random) {
        return switch (type) {
            case I32 -> switch (k) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 0xFFFF_FFFFL;
                case 3 -> Integer.MIN_VALUE & 0xFFFF_FFFFL;
                case 4 -> Integer.MAX_VALUE;
                default -> randomValue(type, random);
            };
            case I64 -> switch (k) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> -1;
                case 3 -> Long.MIN_VALUE;
                case 4 -> Long.MAX_VALUE;
                default -> randomValue(type, random);
            };
            case F32 -> Float.floatToRawIntBits(switch (k) {
                case 0 -> 0f;
                case 1 -> 1f;
                case 2 -> -1f;
                case 3 -> -Float.MAX_VALUE;
                case 4 -> Float.MAX_VALUE;
                default -> Float.NaN;
            }) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(switch (k) {
                case 0 -> 0d;
                case 1 -> 1d;
                case 2 -> -1d;
                case 3 -> -Double.MAX_VALUE;
                case 4 -> Double.MAX_VALUE;
                default -> Double.NaN;
            });
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** {@return random raw bits of {@code type}}: small numbers half of the time, any bits otherwise */
    private static long randomValue(ValType type, Random random) {
        long bits = random.nextBoolean() ? random.nextInt(201) - 100 : random.nextLong();
        return switch (type) {
            case I32 -> bits & 0xFFFF_FFFFL;
            case F32 -> random.nextBoolean() ? Float.floatToRawIntBits(bits) & 0xFFFF_FFFFL : bits & 0xFFFF_FFFFL;
            case F64 -> random.nextBoolean() ? Double.doubleToRawLongBits(bits) : bits;
            default -> bits;
        };
    }

    /** Skips the test when an input is missing, or fails it under {@code CI=true}. */
    static void requireInput(boolean present, String message) {
        if (!present && CI) {
            fail(message + " (CI=true: required)");
        }
        assumeTrue(present, message);
    }

    private static void report(String part, DifferentialHarness harness) {
        System.out.println("DifferentialTest " + part + ": " + harness.summary());
        harness.printDetails();
        assertThat(harness.comparedModules()).as("modules compared").isPositive();
        assertThat(harness.hangs()).as("Windlass hangs").isEmpty();
        assertThat(harness.mismatches()).as("mismatches").isEmpty();
    }
}
