package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk operations pay for their length (issue 15): one unit of fuel per 64 bytes of
 * {@code memory.fill/copy/init}, per 8 elements of {@code table.fill/init}, charged before the
 * work, so a small amount of fuel cannot buy a 64 MiB fill, and what is charged is exact.
 */
class BulkFuelTest {

    private static final int MEMORY_BYTES = 1024 * 65536;

    private Engine engine;
    private Store store;
    private Instance instance;

    @BeforeEach
    void instantiate() {
        engine = Engine.create(Config.builder().consumeFuel(true).build());
        store = Store.create(engine);
        instance = TestModules.instantiate(store, "bulk_fuel");
    }

    @AfterEach
    void close() {
        store.close();
        engine.close();
    }

    /** {@return the fuel a call of {@code name(args)} consumed} */
    private long cost(String name, long... args) {
        store.setFuel(1L << 40);
        instance.func(name).orElseThrow().call(args);
        return (1L << 40) - store.getFuel();
    }

    @Test
    void aWholeMemoryFillWithLittleFuelTrapsBeforeWritingAByte() {
        store.setFuel(1000);
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> instance.func("fill").orElseThrow().call(MEMORY_BYTES));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.OUT_OF_FUEL);
        assertThat(instance.memory("memory").orElseThrow().read(0, 4096)).containsOnly(0);
        assertThat(store.getFuel()).isZero();
    }

    @Test
    void memoryOperationsCostOneUnitPer64BytesOnTopOfTheirOperators() {
        long base = cost("fill", 0);
        assertThat(cost("fill", 63)).isEqualTo(base);
        assertThat(cost("fill", 64)).isEqualTo(base + 1);
        assertThat(cost("fill", 6400)).isEqualTo(base + 100);
        assertThat(cost("fill", MEMORY_BYTES)).isEqualTo(base + MEMORY_BYTES / 64);
        assertThat(cost("copy", 640)).isEqualTo(cost("copy", 0) + 10);
        assertThat(cost("init", 16)).isEqualTo(cost("init", 0)); // under one unit
        assertThat(cost("fill_constant")).isEqualTo(base + 100); // a constant length is charged at compile time
    }

    @Test
    void tableOperationsCostOneUnitPer8Elements() {
        long base = cost("table_fill", 0);
        assertThat(cost("table_fill", 8)).isEqualTo(base + 1);
        assertThat(cost("table_fill", 131072)).isEqualTo(base + 131072 / 8);
        store.setFuel(100);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> instance.func("table_fill").orElseThrow().call(131072))
                .trapCode()).isEqualTo(TrapCode.OUT_OF_FUEL);
        assertThat(cost("table_init", 2)).isEqualTo(cost("table_init", 0));
    }
}
