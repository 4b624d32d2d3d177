package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuel metering on {@code wat/metering.wat}: each function given exactly its cost (worked out
 * by the rule in {@link MeteringModule}) finishes with no fuel left, one unit less traps with
 * OUT_OF_FUEL, across block, loop, if/else, br, br_if, br_table, call and call_indirect, and
 * recursion; the charge is taken before calls; exhaustion stops at the same place every time;
 * a trap leaves the store usable.
 */
class FuelTest {

    private static final Engine ENGINE = Engine.create(Config.builder().consumeFuel(true).build());

    private Store store;
    private Instance instance;
    private final List<Long> observedFuel = new ArrayList<>();

    @BeforeEach
    void instantiate() {
        store = Store.create(ENGINE);
        instance = MeteringModule.instantiate(store, value -> observedFuel.add(store.getFuel()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    static Stream<Arguments> programs() {
        List<Arguments> cases = new ArrayList<>();
        for (String function : List.of("count", "branches", "switch", "calls")) {
            for (int n : new int[] {0, 1, 2, 3, 7, 100, 1000}) {
                cases.add(Arguments.of(function, n));
            }
        }
        for (int n : new int[] {0, 1, 2, 5, 15}) {
            cases.add(Arguments.of("fib", n));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("programs")
    void exactFuelFinishesAndOneUnitLessTrapsWithOutOfFuel(String function, int n) {
        long cost = MeteringModule.cost(function, n);

        store.setFuel(cost);
        long result = func(function).call(n)[0];
        assertThat(store.getFuel()).as("fuel left after %s(%d) given its cost %d", function, n, cost).isZero();

        store.setFuel(cost - 1);
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func(function).call(n));
        assertThat(trap).as("%s(%d) with %d fuel", function, n, cost - 1).isNotNull();
        assertThat(trap.trapCode()).isEqualTo(TrapCode.OUT_OF_FUEL);
        assertThat(store.getFuel()).isZero();

        store.setFuel(cost + 1000);
        assertThat(func(function).call(n)[0]).as("the same result with fuel to spare").isEqualTo(result);
        assertThat(store.getFuel()).isEqualTo(1000);
    }

    @Test
    void theFunctionsComputeWhatTheyShould() {
        store.setFuel(Long.MAX_VALUE);
        assertThat(func("count").callI32(10)).isEqualTo(10);
        assertThat(func("fib").callI32(15)).isEqualTo(610);
        // acc += i + 1 through call, then acc += 1 (even i) or 2 (odd i) through call_indirect
        assertThat(func("calls").callI32(4)).isEqualTo(1 + 1 + 2 + 2 + 3 + 1 + 4 + 2);
        assertThat(store.getFuel()).isLessThan(Long.MAX_VALUE);
    }

    @Test
    void aHostFunctionSeesTheFuelChargedUpToItsCall() {
        store.setFuel(100);

        func("observed").call();

        // i32.const, call: 2 units before the first call, 4 before the second
        assertThat(observedFuel).containsExactly(98L, 96L);
        assertThat(store.getFuel()).isEqualTo(96);
    }

    @Test
    void theSameFuelStopsAtTheSameOperatorEveryTime() {
        Memory memory = instance.memory("memory").orElseThrow();
        List<Integer> storedAtTrap = new ArrayList<>();
        List<Integer> trapOffsets = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            store.setFuel(1000);
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func("spin_counting").call());
            assertThat(trap.trapCode()).isEqualTo(TrapCode.OUT_OF_FUEL);
            storedAtTrap.add(memory.segment().get(ValueLayout.JAVA_INT_UNALIGNED, 0));
            trapOffsets.add(trap.bytecodeOffset());
        }
        // 7 units per iteration, charged at its br: 142 iterations take 994, the 143rd stores 143
        // and its charge would leave -1.
        assertThat(storedAtTrap).containsOnly(1000 / 7 + 1);
        assertThat(trapOffsets).hasSize(5).containsOnly(trapOffsets.get(0));
    }

    @Test
    void aNewStoreHasNoFuel() {
        assertThat(store.getFuel()).isZero();
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("count").call(0)).trapCode())
                .isEqualTo(TrapCode.OUT_OF_FUEL);
    }

    @Test
    void aStoreOutOfFuelRunsAgainOnceRefuelled() {
        store.setFuel(10);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("spin").call()).trapCode())
                .isEqualTo(TrapCode.OUT_OF_FUEL);
        assertThat(store.getFuel()).isZero();

        store.setFuel(MeteringModule.cost("count", 50));
        assertThat(func("count").callI32(50)).isEqualTo(50);
        assertThat(store.getFuel()).isZero();
    }

    @Test
    void negativeFuelIsRefused() {
        assertThatThrownBy(() -> store.setFuel(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutConsumeFuelTheFuelMethodsThrowAndCodeRunsUnmetered() {
        try (Store plain = Store.create(Engine.create())) {
            assertThatThrownBy(plain::getFuel).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("consumeFuel");
            assertThatThrownBy(() -> plain.setFuel(1)).isInstanceOf(IllegalStateException.class);
            Instance unmetered = MeteringModule.instantiate(plain, value -> { });
            assertThat(unmetered.func("count").orElseThrow().callI32(100_000)).isEqualTo(100_000);
        }
    }
}
