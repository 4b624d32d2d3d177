package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.ExternKind;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every integer operator of {@code wat/integer.wat}, in every operand shape the module exports
 * (see {@code src/test/scripts/gen-integer-wat.py}), against Java's own arithmetic over a table
 * of edge and seeded random values; once with code for this machine and once for
 * {@link TargetCpu#BASELINE}, whose clz/ctz/popcnt are the bsr/bsf/SWAR fallbacks.
 */
class IntegerExecutionTest {

    private static final long[] I32_VALUES;
    private static final long[] I64_VALUES;

    static {
        SplittableRandom random = new SplittableRandom(0x5eed_1234L);
        long[] i32 = {0, 1, -1, 2, -2, 3, 7, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
            Integer.MAX_VALUE - 1, 0x80, 0x7f, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000, 31, 32, 33, 63, 64, -31,
            -32, -33};
        I32_VALUES = LongStream.concat(Arrays.stream(i32), random.ints(12).asLongStream()).toArray();
        long[] i64 = {0, 1, -1, 2, -2, 3, 7, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
            0x80, 0x7f, 0xff, 0x7fff, 0x8000, 0xffff, 31, 32, 33, 63, 64, 65, -63, -64, -65, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L, 0xffff_ffff_0000_0000L,
            0x0000_0001_0000_0001L};
        I64_VALUES = LongStream.concat(LongStream.concat(Arrays.stream(i64), random.longs(10)),
                random.ints(4).asLongStream()).toArray();
    }

    private static Store hostStore;
    private static Store baselineStore;
    private static Instance host;
    private static Instance baseline;

    @BeforeAll
    static void instantiate() {
        hostStore = Store.create(Engine.create());
        baselineStore = Store.create(Engine.create(Config.builder().targetCpu(TargetCpu.BASELINE).build()));
        host = TestModules.instantiate(hostStore, "integer");
        baseline = TestModules.instantiate(baselineStore, "integer");
    }

    @AfterAll
    static void close() {
        hostStore.close();
        baselineStore.close();
    }

    /** A call's outcome: a value (i32 results sign-extended) or a trap. */
    record Outcome(long value, TrapCode trap) {
        static Outcome of(long value) {
            return new Outcome(value, null);
        }

        static Outcome of(boolean value) {
            return new Outcome(value ? 1 : 0, null);
        }

        static Outcome trap(TrapCode code) {
            return new Outcome(0, code);
        }

        @Override
        public String toString() {
            return trap != null ? "trap " + trap : "0x" + Long.toHexString(value) + " (" + value + ")";
        }
    }

    // ---- the sweep --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"host", "baseline"})
    void everyOperatorInEveryOperandShapeMatchesJava(String target) {
        Instance instance = target.equals("host") ? host : baseline;
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Export export : instance.module().exports()) {
            if (export.kind() != ExternKind.FUNC) {
                continue;
            }
            Func func = instance.func(export.name()).orElseThrow();
            for (long[] args : argumentSets(export.name())) {
                Outcome expected = expected(export.name(), args);
                Outcome actual = call(func, args);
                checked++;
                if (!expected.equals(actual)) {
                    failures.add(export.name() + Arrays.toString(args) + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
        assertThat(failures).as("%d of %d calls", failures.size(), checked).isEmpty();
    }

    @Test
    void baselineTargetComputesExactlyWhatHostTargetComputes() {
        assertThat(TargetCpu.BASELINE.compilerTarget().features()).isEmpty();
        Map<String, Outcome> differences = new LinkedHashMap<>();
        int checked = 0;
        for (Export export : host.module().exports()) {
            if (export.kind() != ExternKind.FUNC) {
                continue;
            }
            Func onHost = host.func(export.name()).orElseThrow();
            Func onBaseline = baseline.func(export.name()).orElseThrow();
            for (long[] args : argumentSets(export.name())) {
                Outcome a = call(onHost, args);
                Outcome b = call(onBaseline, args);
                checked++;
                if (!a.equals(b)) {
                    differences.put(export.name() + Arrays.toString(args) + " host " + a, b);
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
        assertThat(differences).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"host", "baseline"})
    void bitCountsOfTheEdgeValues(String target) {
        Instance instance = target.equals("host") ? host : baseline;
        Func clz32 = instance.func("i32.clz").orElseThrow();
        Func ctz32 = instance.func("i32.ctz").orElseThrow();
        Func popcnt32 = instance.func("i32.popcnt").orElseThrow();
        Func clz64 = instance.func("i64.clz").orElseThrow();
        Func ctz64 = instance.func("i64.ctz").orElseThrow();
        Func popcnt64 = instance.func("i64.popcnt").orElseThrow();

        assertThat(new int[] {clz32.callI32(0), ctz32.callI32(0), popcnt32.callI32(0)}).containsExactly(32, 32, 0);
        assertThat(new int[] {clz32.callI32(1), ctz32.callI32(1), popcnt32.callI32(1)}).containsExactly(31, 0, 1);
        assertThat(new int[] {clz32.callI32(-1), ctz32.callI32(-1), popcnt32.callI32(-1)}).containsExactly(0, 0, 32);
        assertThat(new int[] {clz32.callI32(Integer.MIN_VALUE), ctz32.callI32(Integer.MIN_VALUE),
            popcnt32.callI32(Integer.MIN_VALUE)}).containsExactly(0, 31, 1);

        assertThat(new long[] {clz64.callI64(0), ctz64.callI64(0), popcnt64.callI64(0)}).containsExactly(64, 64, 0);
        assertThat(new long[] {clz64.callI64(1), ctz64.callI64(1), popcnt64.callI64(1)}).containsExactly(63, 0, 1);
        assertThat(new long[] {clz64.callI64(-1), ctz64.callI64(-1), popcnt64.callI64(-1)}).containsExactly(0, 0, 64);
        assertThat(new long[] {clz64.callI64(Long.MIN_VALUE), ctz64.callI64(Long.MIN_VALUE),
            popcnt64.callI64(Long.MIN_VALUE)}).containsExactly(0, 63, 1);
        assertThat(new long[] {clz64.callI64(0xffff_ffffL), ctz64.callI64(0x1_0000_0000L)}).containsExactly(32, 32);
    }

    @Test
    void signedDivisionOverflowTrapsButRemainderIsZero() {
        Func divS = host.func("i32.div_s").orElseThrow();
        Func remS = host.func("i32.rem_s").orElseThrow();
        Func divS64 = host.func("i64.div_s").orElseThrow();
        Func remS64 = host.func("i64.rem_s").orElseThrow();

        assertThat(call(divS, Integer.MIN_VALUE, -1)).isEqualTo(Outcome.trap(TrapCode.INTEGER_OVERFLOW));
        assertThat(remS.callI32(Integer.MIN_VALUE, -1)).isZero();
        assertThat(call(divS64, Long.MIN_VALUE, -1)).isEqualTo(Outcome.trap(TrapCode.INTEGER_OVERFLOW));
        assertThat(remS64.callI64(Long.MIN_VALUE, -1)).isZero();
        assertThat(call(remS, 7, 0)).isEqualTo(Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO));
        assertThat(call(host.func("i64.div_u").orElseThrow(), 7, 0))
                .isEqualTo(Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO));
    }

    @Test
    void i32ArgumentsIgnoreTheUpperHalfOfTheirSlot() {
        long garbage = 0xdead_beef_0000_0000L;
        assertThat(host.func("i32.div_u").orElseThrow().callI32(garbage | 0xffff_fffeL, garbage | 2))
                .isEqualTo(0x7fff_ffff);
        assertThat(host.func("i32.lt_u").orElseThrow().callI32(garbage | 1, 2)).isEqualTo(1);
        assertThat(host.func("i32.shr_u").orElseThrow().callI32(garbage | 0x8000_0000L, 31)).isEqualTo(1);
        assertThat(host.func("i32.clz").orElseThrow().callI32(garbage | 1)).isEqualTo(31);
        assertThat(host.func("i64.extend_i32_u").orElseThrow().callI64(garbage | 0xffff_ffffL))
                .isEqualTo(0xffff_ffffL);
        assertThat(host.func("i64.extend_i32_s").orElseThrow().callI64(0x7fff_ffffL)).isEqualTo(0x7fff_ffffL);
        assertThat(host.func("i32.eqz").orElseThrow().callI32(garbage)).isEqualTo(1);
    }

    /** Java's meaning of each export of {@code wat/wrap.wat}, over {@code x = wrap(x64)}, {@code y = wrap(y64)}. */
    private static Outcome wrapExpected(String name, long x64, long y64) {
        int x = (int) x64;
        int y = (int) y64;
        return switch (name) {
            case "eqz" -> Outcome.of(x == 0);
            case "clz" -> Outcome.of(Integer.numberOfLeadingZeros(x));
            case "ctz" -> Outcome.of(Integer.numberOfTrailingZeros(x));
            case "popcnt" -> Outcome.of(Integer.bitCount(x));
            case "shr_u" -> Outcome.of(x >>> 1);
            case "shr_s" -> Outcome.of(x >> 1);
            case "shr_u_var" -> Outcome.of(x >>> y);
            case "rotr" -> Outcome.of(Integer.rotateRight(x, 1));
            case "rotl_var" -> Outcome.of(Integer.rotateLeft(x, y));
            case "div_u" -> Outcome.of(Integer.divideUnsigned(x, 3));
            case "rem_u" -> Outcome.of(Integer.remainderUnsigned(x, 3));
            case "div_s" -> Outcome.of(x / 3);
            case "div_u_var" -> binary32("div_u", x, y);
            case "lt_u" -> Outcome.of(Integer.compareUnsigned(x, y) < 0);
            case "gt_s" -> Outcome.of(x > y);
            case "eq" -> Outcome.of(x == y);
            case "eq_const" -> Outcome.of(x == 5);
            case "extend_u", "call_extend_u", "local_extend_u", "global_extend_u", "block_extend_u", "add_extend_u",
                 "mul_extend_u" -> Outcome.of(Integer.toUnsignedLong(x));
            case "merge_extend_u" -> Outcome.of(Integer.toUnsignedLong(y64 == 0 ? x : (int) (x64 + y64)));
            case "or_extend_u" -> Outcome.of(Integer.toUnsignedLong(x | y));
            case "extend8_extend_u" -> Outcome.of(Integer.toUnsignedLong((byte) x));
            case "extend_s" -> Outcome.of((long) x);
            case "if", "br_if", "select" -> Outcome.of(x != 0);
            case "br_table" -> Outcome.of(10 + Integer.toUnsignedLong(x) > 13 ? 13 : 10 + x);
            case "select64" -> Outcome.of(x != 0 ? x64 : y64);
            case "raw" -> Outcome.of(x);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"host", "baseline"})
    void upperHalfOfAWrappedI64NeverLeaksIntoI32Results(String target) {
        Store store = target.equals("host") ? hostStore : baselineStore;
        Instance wrap = TestModules.instantiate(store, "wrap");
        long[] xs = {0, 5, -1, 0x1_0000_0000L, 0xffff_ffff_0000_0000L, 0x8000_0000_0000_0005L, 0x1234_5678_ffff_ffffL,
            0x0000_0001_8000_0000L, 0xdead_beef_0000_0003L, 0x0000_0002_0000_0001L, 0x7fff_ffff_0000_0002L};
        long[] ys = {0x1_0000_0003L, 0xffff_ffff_0000_0000L, 7, 0x1_0000_0000L | 31, -1};
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Export export : wrap.module().exports()) {
            Func func = wrap.func(export.name()).orElseThrow();
            for (long x : xs) {
                for (long y : ys) {
                    Outcome expected = wrapExpected(export.name(), x, y);
                    Outcome actual = call(func, x, y);
                    checked++;
                    if (!expected.equals(actual)) {
                        failures.add(String.format("%s(0x%x, 0x%x): expected %s, got %s", export.name(), x, y, expected,
                                actual));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(failures).isEmpty();
    }

    // ---- calling ----------------------------------------------------------------------------

    private static Outcome call(Func func, long... args) {
        try {
            long raw = func.call(args)[0];
            return Outcome.of(func.type().results().get(0) == ValType.I32 ? (int) raw : raw);
        } catch (WasmTrap trap) {
            return Outcome.trap(trap.trapCode());
        }
    }

    /** Which arguments each export is called with, by its operand shape. */
    private static List<long[]> argumentSets(String export) {
        String[] parts = export.split("/");
        String type = parts[0].substring(0, 3);
        String op = parts[0].substring(4);
        String shape = parts.length > 1 ? parts[1] : "";
        long[] values = type.equals("i32") ? I32_VALUES : I64_VALUES;
        List<long[]> sets = new ArrayList<>();
        if (op.equals("wrap_i64")) {
            for (long a : I64_VALUES) {
                if (shape.equals("add")) {
                    for (long b : I64_VALUES) {
                        sets.add(new long[] {a, b});
                    }
                } else {
                    sets.add(new long[] {a});
                }
            }
        } else if (op.startsWith("extend_i32")) {
            for (long a : I32_VALUES) {
                switch (shape) {
                    case "add" -> {
                        for (long b : I32_VALUES) {
                            sets.add(new long[] {a, b});
                        }
                    }
                    case "reg" -> sets.add(new long[] {a, 0});
                    default -> sets.add(new long[] {a});
                }
            }
        } else if (op.equals("select")) {
            long[] conditions = {0, 1, -1, 2, Integer.MIN_VALUE};
            for (long c : conditions) {
                if (shape.equals("c")) {
                    sets.add(new long[] {c});
                    continue;
                }
                for (long a : Arrays.copyOf(values, 8)) {
                    for (long b : new long[] {values[values.length - 1], -5}) {
                        sets.add(shape.equals("reg") ? new long[] {a, b, c, 0} : new long[] {a, b, c});
                    }
                }
            }
        } else if (isUnary(op)) {
            for (long a : values) {
                switch (shape) {
                    case "c" -> { }
                    case "reg" -> sets.add(new long[] {a, 0});
                    default -> sets.add(new long[] {a});
                }
            }
            if (shape.equals("c")) {
                sets.add(new long[0]);
            }
        } else {
            switch (shape) {
                case "" , "if" -> {
                    for (long a : values) {
                        for (long b : values) {
                            sets.add(new long[] {a, b});
                        }
                    }
                }
                case "reg" -> {
                    for (long a : values) {
                        for (long b : values) {
                            sets.add(new long[] {a, b, 0});
                        }
                    }
                }
                case "select" -> {
                    for (long a : values) {
                        for (long b : values) {
                            sets.add(new long[] {11, 22, a, b});
                        }
                    }
                }
                case "same", "rc", "lc" -> {
                    for (long a : values) {
                        sets.add(new long[] {a});
                    }
                }
                case "cc" -> sets.add(new long[0]);
                default -> throw new IllegalArgumentException("unknown shape " + export);
            }
        }
        return sets;
    }

    private static boolean isUnary(String op) {
        return switch (op) {
            case "clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s", "extend32_s" -> true;
            default -> false;
        };
    }

    // ---- what Java computes -----------------------------------------------------------------

    /** {@return what the export must compute for {@code args}}, by Java's own arithmetic */
    static Outcome expected(String export, long[] args) {
        String[] parts = export.split("/");
        boolean i32 = parts[0].startsWith("i32");
        String op = parts[0].substring(4);
        String shape = parts.length > 1 ? parts[1] : "";
        switch (op) {
            case "wrap_i64" -> {
                return Outcome.of((int) (shape.equals("add") ? args[0] + args[1] : args[0]));
            }
            case "extend_i32_s", "extend_i32_u" -> {
                int value = switch (shape) {
                    case "add" -> (int) args[0] + (int) args[1];
                    case "reg" -> (int) args[0] ^ (int) args[1];
                    default -> (int) args[0];
                };
                return Outcome.of(op.endsWith("s") ? value : Integer.toUnsignedLong(value));
            }
            case "select" -> {
                return switch (shape) {
                    case "c" -> Outcome.of((int) args[0] != 0 ? Long.parseLong(parts[2]) : 99);
                    case "reg" -> Outcome.of((int) args[2] != 0 ? args[0] ^ args[3] : args[1] ^ args[3]);
                    default -> Outcome.of((int) args[2] != 0 ? args[0] : args[1]);
                };
            }
            default -> { }
        }
        if (isUnary(op)) {
            long a = switch (shape) {
                case "c" -> Long.parseLong(parts[2]);
                case "reg" -> args[0] ^ args[1];
                default -> args[0];
            };
            return i32 ? unary32(op, (int) a) : unary64(op, a);
        }
        long a;
        long b;
        switch (shape) {
            case "", "if" -> {
                a = args[0];
                b = args[1];
            }
            case "reg" -> {
                a = args[0] ^ args[2];
                b = args[1] ^ args[2];
            }
            case "select" -> {
                a = args[2];
                b = args[3];
            }
            case "same" -> {
                a = args[0];
                b = args[0];
            }
            case "rc" -> {
                a = args[0];
                b = Long.parseLong(parts[2]);
            }
            case "lc" -> {
                a = Long.parseLong(parts[2]);
                b = args[0];
            }
            case "cc" -> {
                a = Long.parseLong(parts[2]);
                b = Long.parseLong(parts[3]);
            }
            default -> throw new IllegalArgumentException(export);
        }
        Outcome result = i32 ? binary32(op, (int) a, (int) b) : binary64(op, a, b);
        if (shape.equals("select")) {
            return Outcome.of(result.value() != 0 ? args[0] : args[1]);
        }
        return result;
    }

    static Outcome unary32(String op, int a) {
        return switch (op) {
            case "clz" -> Outcome.of(Integer.numberOfLeadingZeros(a));
            case "ctz" -> Outcome.of(Integer.numberOfTrailingZeros(a));
            case "popcnt" -> Outcome.of(Integer.bitCount(a));
            case "eqz" -> Outcome.of(a == 0);
            case "extend8_s" -> Outcome.of((byte) a);
            case "extend16_s" -> Outcome.of((short) a);
            default -> throw new IllegalArgumentException(op);
        };
    }

    static Outcome unary64(String op, long a) {
        return switch (op) {
            case "clz" -> Outcome.of(Long.numberOfLeadingZeros(a));
            case "ctz" -> Outcome.of(Long.numberOfTrailingZeros(a));
            case "popcnt" -> Outcome.of(Long.bitCount(a));
            case "eqz" -> Outcome.of(a == 0);
            case "extend8_s" -> Outcome.of((byte) a);
            case "extend16_s" -> Outcome.of((short) a);
            case "extend32_s" -> Outcome.of((int) a);
            default -> throw new IllegalArgumentException(op);
        };
    }

    static Outcome binary32(String op, int a, int b) {
        return switch (op) {
            case "add" -> Outcome.of(a + b);
            case "sub" -> Outcome.of(a - b);
            case "mul" -> Outcome.of(a * b);
            case "div_s" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : a == Integer.MIN_VALUE && b == -1 ? Outcome.trap(TrapCode.INTEGER_OVERFLOW) : Outcome.of(a / b);
            case "div_u" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : Outcome.of(Integer.divideUnsigned(a, b));
            case "rem_s" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO) : Outcome.of(a % b);
            case "rem_u" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : Outcome.of(Integer.remainderUnsigned(a, b));
            case "and" -> Outcome.of(a & b);
            case "or" -> Outcome.of(a | b);
            case "xor" -> Outcome.of(a ^ b);
            case "shl" -> Outcome.of(a << b);
            case "shr_s" -> Outcome.of(a >> b);
            case "shr_u" -> Outcome.of(a >>> b);
            case "rotl" -> Outcome.of(Integer.rotateLeft(a, b));
            case "rotr" -> Outcome.of(Integer.rotateRight(a, b));
            case "eq" -> Outcome.of(a == b);
            case "ne" -> Outcome.of(a != b);
            case "lt_s" -> Outcome.of(a < b);
            case "lt_u" -> Outcome.of(Integer.compareUnsigned(a, b) < 0);
            case "gt_s" -> Outcome.of(a > b);
            case "gt_u" -> Outcome.of(Integer.compareUnsigned(a, b) > 0);
            case "le_s" -> Outcome.of(a <= b);
            case "le_u" -> Outcome.of(Integer.compareUnsigned(a, b) <= 0);
            case "ge_s" -> Outcome.of(a >= b);
            case "ge_u" -> Outcome.of(Integer.compareUnsigned(a, b) >= 0);
            default -> throw new IllegalArgumentException(op);
        };
    }

    static Outcome binary64(String op, long a, long b) {
        return switch (op) {
            case "add" -> Outcome.of(a + b);
            case "sub" -> Outcome.of(a - b);
            case "mul" -> Outcome.of(a * b);
            case "div_s" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : a == Long.MIN_VALUE && b == -1 ? Outcome.trap(TrapCode.INTEGER_OVERFLOW) : Outcome.of(a / b);
            case "div_u" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : Outcome.of(Long.divideUnsigned(a, b));
            case "rem_s" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO) : Outcome.of(a % b);
            case "rem_u" -> b == 0 ? Outcome.trap(TrapCode.INTEGER_DIVIDE_BY_ZERO)
                    : Outcome.of(Long.remainderUnsigned(a, b));
            case "and" -> Outcome.of(a & b);
            case "or" -> Outcome.of(a | b);
            case "xor" -> Outcome.of(a ^ b);
            case "shl" -> Outcome.of(a << b);
            case "shr_s" -> Outcome.of(a >> b);
            case "shr_u" -> Outcome.of(a >>> b);
            case "rotl" -> Outcome.of(Long.rotateLeft(a, (int) b));
            case "rotr" -> Outcome.of(Long.rotateRight(a, (int) b));
            case "eq" -> Outcome.of(a == b);
            case "ne" -> Outcome.of(a != b);
            case "lt_s" -> Outcome.of(a < b);
            case "lt_u" -> Outcome.of(Long.compareUnsigned(a, b) < 0);
            case "gt_s" -> Outcome.of(a > b);
            case "gt_u" -> Outcome.of(Long.compareUnsigned(a, b) > 0);
            case "le_s" -> Outcome.of(a <= b);
            case "le_u" -> Outcome.of(Long.compareUnsigned(a, b) <= 0);
            case "ge_s" -> Outcome.of(a >= b);
            case "ge_u" -> Outcome.of(Long.compareUnsigned(a, b) >= 0);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
