package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.ValType;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocks, branches, loops, multi-value, calls, recursion and globals of {@code wat/control.wat}. */
class ControlFlowTest {

    private Store store;
    private Instance instance;

    @BeforeEach
    void instantiate() {
        store = Store.create(Engine.create());
        instance = TestModules.instantiate(store, "control");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    @Test
    void blockYieldsItsResult() {
        assertThat(func("block_result").callI32(41)).isEqualTo(42);
        assertThat(func("block_result").callI32(-1)).isZero();
    }

    @Test
    void brIfLeavesSeveralLevelsCarryingAValue() {
        Func f = func("nested_br_if");
        assertThat(new int[] {f.callI32(0), f.callI32(1), f.callI32(2), f.callI32(3), f.callI32(-7)})
                .containsExactly(100, 210, 311, 411, 411);
    }

    @Test
    void brInsideIfLeavesSeveralLevelsCarryingAValue() {
        Func f = func("nested_br");
        assertThat(new int[] {f.callI32(0), f.callI32(1), f.callI32(2), f.callI32(3), f.callI32(-7)})
                .containsExactly(100, 210, 311, 411, 411);
    }

    @Test
    void valuesBelowABlockSurviveABranchOutOfIt() {
        Func f = func("br_with_values_below");
        for (int x : new int[] {0, 1, -3, 17, Integer.MAX_VALUE}) {
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo((x + 3) * (x != 0 ? 7 : 9));
        }
    }

    @Test
    void loopSumsOneToN() {
        Func sum = func("sum");
        assertThat(sum.callI32(0)).isZero();
        assertThat(sum.callI32(1)).isEqualTo(1);
        assertThat(sum.callI32(100)).isEqualTo(5050);
        assertThat(sum.callI32(65_535)).isEqualTo((int) (65_535L * 65_536L / 2));
        assertThat(func("sum64").callI64(3_000_000)).isEqualTo(3_000_000L * 3_000_001L / 2);
    }

    @Test
    void loopWithParameterAndResult() {
        assertThat(func("loop_params").callI32(1)).isEqualTo(1);
        assertThat(func("loop_params").callI32(37)).isEqualTo(37);
    }

    @Test
    void nestedLoopsCountPairs() {
        assertThat(func("nested_loops").callI32(0)).isZero();
        assertThat(func("nested_loops").callI32(50)).isEqualTo(50 * 49 / 2);
    }

    @Test
    void iterativeFibonacci() {
        Func fib = func("fib_iter");
        long a = 0;
        long b = 1;
        for (int n = 0; n <= 92; n++) {
            assertThat(fib.callI64(n)).as("fib(%d)", n).isEqualTo(a);
            long t = a + b;
            a = b;
            b = t;
        }
    }

    @Test
    void ifElseWithResults() {
        Func sign = func("sign");
        assertThat(new int[] {sign.callI32(Long.MIN_VALUE), sign.callI32(-1), sign.callI32(0), sign.callI32(1),
            sign.callI32(Long.MAX_VALUE)}).containsExactly(-1, -1, 0, 1, 1);
        Func ifNoElse = func("if_no_else");
        assertThat(new int[] {ifNoElse.callI32(3), ifNoElse.callI32(10), ifNoElse.callI32(-4)})
                .containsExactly(6, 10, -8);
    }

    @Test
    void brTableReachesEveryTargetAndTheDefault() {
        Func f = func("switch");
        for (int x = 0; x < 8; x++) {
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo(100 + x * x);
        }
        for (int x : new int[] {8, 9, 1000, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo(-1);
        }
    }

    @Test
    void brTableCarriesAValue() {
        Func f = func("br_table_value");
        assertThat(new int[] {f.callI32(0), f.callI32(1), f.callI32(2), f.callI32(3), f.callI32(-1)})
                .containsExactly(43, 42, 43, 42, 42);
    }

    @Test
    void wideBrTableWithRepeatedTargets() {
        Func f = func("br_table_wide");
        for (int x = 0; x < 40; x++) {
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo(x % 3);
        }
        for (int x : new int[] {40, 41, -1, Integer.MIN_VALUE}) {
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo(3);
        }
    }

    @Test
    void functionsReturnSeveralValues() {
        assertThat(func("divmod").call(17, 5)).containsExactly(3, 2);
        assertThat(func("rotate3").call(1, Long.MIN_VALUE, -3)).containsExactly(Long.MIN_VALUE, -3, 1);
        long[] mixed = func("mixed").call(-2);
        assertThat((int) mixed[0]).isEqualTo(-1);
        assertThat(mixed[1]).isEqualTo(-2L << 32);
        assertThat((int) mixed[2]).isEqualTo(2);
        long[] many = func("many_multi").call(10, 11, 12, 13, 14, 15, 16, 1007, 18, 19, 20, 21, 22, 23);
        assertThat(many).containsExactly(23, 10, 16 - 1007);
    }

    @Test
    void wasmConsumesAFunctionsSeveralResults() {
        assertThat(func("divmod_user").callI32(17, 5)).isEqualTo(3002);
        assertThat(func("divmod_user").callI32(12345, 100)).isEqualTo(123045);
    }

    @Test
    void blocksAndIfsWithSeveralParamsAndResults() {
        assertThat(func("block_params").callI32(3, 4, 0)).isEqualTo(34);
        assertThat(func("block_params").callI32(3, 4, 1)).isEqualTo(43);
        assertThat(func("if_two_results").callI32(6)).isEqualTo(6012);
        assertThat(func("if_two_results").callI32(0)).isEqualTo(7008);
    }

    @Test
    void returnLeavesDeepNesting() {
        assertThat(func("deep_return").callI32(0)).isEqualTo(1060);
        assertThat(func("deep_return").callI32(5)).isEqualTo(15);
        assertThat(func("deep_return").callI32(-7)).isEqualTo(-21);
    }

    @Test
    void twentyFourLiveValuesSpillAndCombineCorrectly() {
        IntBinaryOperator[] ops = {Integer::sum, (a, b) -> a - b, (a, b) -> a ^ b, (a, b) -> a * b, (a, b) -> a | b,
            (a, b) -> a - b, (a, b) -> a & b};
        Func f = func("pressure");
        for (int x : new int[] {0, 1, -1, 12345, Integer.MIN_VALUE, 0x7531_1357}) {
            int acc = x * 24 + 24;
            for (int j = 23; j >= 1; j--) {
                acc = ops[j % ops.length].applyAsInt(x * j + j, acc);
            }
            assertThat(f.callI32(x)).as("x=%d", x).isEqualTo(acc);
        }
    }

    @Test
    void liveValuesSurviveACall() {
        Func f = func("pressure_call");
        for (long x : new long[] {0, 1, -1, 0x1234_5678_9abcL, Long.MIN_VALUE}) {
            long[] v = new long[22];
            for (int k = 1; k <= 12; k++) {
                v[k] = x + k * 1000003L;
            }
            v[13] = x;
            for (int k = 14; k <= 21; k++) {
                v[k] = x * (k - 1);
            }
            long acc = v[21];
            for (int j = 20; j >= 1; j--) {
                acc = (j % 2 == 1) ? v[j] - acc : v[j] + acc;
            }
            assertThat(f.callI64(x)).as("x=%d", x).isEqualTo(acc);
        }
    }

    @Test
    void recursiveFibonacciAndAckermann() {
        Func fib = func("fib");
        int[] expected = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55};
        for (int n = 0; n < expected.length; n++) {
            assertThat(fib.callI32(n)).isEqualTo(expected[n]);
        }
        assertThat(fib.callI32(25)).isEqualTo(75025);
        Func ack = func("ackermann");
        assertThat(ack.callI64(0, 0)).isEqualTo(1);
        assertThat(ack.callI64(1, 5)).isEqualTo(7);
        assertThat(ack.callI64(2, 3)).isEqualTo(9);
        assertThat(ack.callI64(3, 3)).isEqualTo(61);
        assertThat(ack.callI64(3, 5)).isEqualTo(253);
    }

    @Test
    void mutualRecursion() {
        assertThat(func("is_even").callI32(0)).isEqualTo(1);
        assertThat(func("is_even").callI32(7)).isZero();
        assertThat(func("is_odd").callI32(7)).isEqualTo(1);
        assertThat(func("is_even").callI32(1000)).isEqualTo(1);
        assertThat(func("is_odd").callI32(1000)).isZero();
    }

    @Test
    void twelveMixedParametersArriveInOrder() {
        long[] args = {-1, 1L << 40, 3, -4, Integer.MIN_VALUE, Long.MAX_VALUE / 1000, 7, 8, 9, 10, 11, -12};
        long expected = 0;
        for (int i = 0; i < args.length; i++) {
            long value = i % 2 == 0 ? (int) args[i] : args[i];
            expected += value * (i + 1);
        }
        assertThat(func("many").callI64(args)).isEqualTo(expected);
    }

    @Test
    void wasmPassesTwelveParametersToWasm() {
        for (int x : new int[] {0, 5, -100, Integer.MAX_VALUE - 3}) {
            long expected = 1_000_000;
            for (int i = 0; i < 12; i++) {
                expected += (long) (x + i) * (i + 1);
            }
            assertThat(func("call_many").callI64(x)).as("x=%d", x).isEqualTo(expected);
        }
    }

    @Test
    void mutableGlobalsAreSharedBetweenWasmAndJava() {
        Global counter = instance.global("counter").orElseThrow();
        assertThat(counter.type()).isEqualTo(new GlobalType(ValType.I32, true));
        assertThat(counter.get()).isEqualTo(5);
        assertThat(func("bump").callI32(3)).isEqualTo(8);
        assertThat(counter.get()).isEqualTo(8);
        counter.set(100);
        assertThat(func("bump").callI32(-101)).isEqualTo(-1);
        assertThat(counter.get()).as("i32 globals read zero-extended").isEqualTo(0xffff_ffffL);

        Global big = instance.global("big").orElseThrow();
        assertThat(big.get()).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(func("get_big").callI64()).isEqualTo(0x1234_5678_9abc_def0L);
        func("set_big").call(Long.MIN_VALUE);
        assertThat(big.get()).isEqualTo(Long.MIN_VALUE);
        big.set(-2);
        assertThat(func("get_big").callI64()).isEqualTo(-2);
    }

    @Test
    void immutableExportedGlobalIsReadableButNotSettable() {
        Global answer = instance.global("answer").orElseThrow();
        assertThat(answer.get()).isEqualTo(42);
        assertThat(func("get_answer").callI32()).isEqualTo(42);
        assertThatThrownBy(() -> answer.set(1)).isInstanceOf(IllegalStateException.class);
        assertThat(answer.get()).isEqualTo(42);
    }

    @Test
    void eachInstanceHasItsOwnGlobals() {
        Instance other = TestModules.instantiate(store, "control");
        func("bump").call(10);
        assertThat(other.func("bump").orElseThrow().callI32(0)).isEqualTo(5);
        assertThat(instance.global("counter").orElseThrow().get()).isEqualTo(15);
    }

    @Test
    void valueReadBeforeItsVariableIsOverwrittenKeepsTheOldValue() {
        assertThat(func("local_read_then_set").callI32(12)).isEqualTo(7);
        assertThat(func("global_read_then_set").callI32()).isEqualTo(4);
        assertThat(instance.global("counter").orElseThrow().get()).isEqualTo(1);
        assertThat(func("tee").callI32(4)).isEqualTo(4 + 25);
    }

    @Test
    void unreachableCodeAfterBranchCompiles() {
        assertThat(func("dead_code").callI32()).isEqualTo(1);
    }

    @Test
    void selectInsideALoop() {
        int expected = 0;
        for (int i = 0; i < 99; i++) {
            expected += (i & 1) != 0 ? i : -i;
        }
        assertThat(func("select_loop").callI32(99)).isEqualTo(expected);
    }

    @Test
    void callWithTheWrongNumberOfArgumentsIsRefused() {
        assertThatThrownBy(() -> func("divmod").call(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> func("block_result").call()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> func("get_big").call(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(func("divmod").call(7, 2)).containsExactly(3, 1);
    }
}
