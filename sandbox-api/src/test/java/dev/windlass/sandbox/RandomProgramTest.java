package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.ValType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random integer programs ({@code wat/random.wat}, made by
 * {@code src/test/scripts/gen-random-wat.py}) give what wabt's reference interpreter computed
 * for them ({@code wat/random.expected}, the output of {@code wasm-interp --run-all-exports}).
 * They mix deep and wide expressions, branches out of blocks, br_table, loops, tees, globals and
 * calls, so they reach register allocation and merge-state paths no hand-written test names.
 */
class RandomProgramTest {

    /** One line of {@code wasm-interp} output: {@code NAME() => i64:BITS} or {@code NAME() => error: MESSAGE}. */
    record Expectation(String export, Long bits, String error) {
        static Expectation parse(String line) {
            int arrow = line.indexOf("() => ");
            String export = line.substring(0, arrow);
            String result = line.substring(arrow + 6);
            if (result.startsWith("error: ")) {
                return new Expectation(export, null, result.substring(7));
            }
            return new Expectation(export, Long.parseUnsignedLong(result.substring(4)), null);
        }
    }

    private static List<Expectation> expectations() throws IOException {
        try (InputStream in = RandomProgramTest.class.getResourceAsStream("/wat/random.expected")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(Expectation::parse).toList();
        }
    }

    private static String interpreterMessage(TrapCode code) {
        return switch (code) {
            case INTEGER_DIVIDE_BY_ZERO -> "integer divide by zero";
            case INTEGER_OVERFLOW -> "integer overflow";
            case UNREACHABLE -> "unreachable executed";
            default -> code.message();
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"host", "baseline"})
    void randomProgramsAgreeWithTheReferenceInterpreter(String target) throws IOException {
        Config config = target.equals("host") ? Config.defaults()
                : Config.builder().targetCpu(TargetCpu.BASELINE).build();
        List<Expectation> expectations = expectations();
        List<String> failures = new ArrayList<>();
        try (Store store = Store.create(Engine.create(config))) {
            Instance instance = TestModules.instantiate(store, "random");
            for (Expectation expected : expectations) {
                Func func = instance.func(expected.export()).orElseThrow();
                String actual;
                String wanted;
                try {
                    long raw = func.call()[0];
                    boolean i32 = func.type().results().get(0) == ValType.I32;
                    actual = i32 ? "i32:" + Integer.toUnsignedString((int) raw) : "i64:" + Long.toUnsignedString(raw);
                } catch (WasmTrap trap) {
                    actual = "error: " + interpreterMessage(trap.trapCode());
                }
                wanted = expected.error() != null ? "error: " + expected.error()
                        : (func.type().results().get(0) == ValType.I32 ? "i32:" : "i64:")
                                + Long.toUnsignedString(expected.bits());
                if (!wanted.equals(actual)) {
                    failures.add(expected.export() + ": expected " + wanted + ", got " + actual);
                }
            }
        }
        assertThat(expectations).hasSizeGreaterThan(400);
        assertThat(failures).isEmpty();
    }
}
