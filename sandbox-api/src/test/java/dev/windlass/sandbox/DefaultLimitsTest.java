package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.sandbox.ResourceLimitException.Limit;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The modules of a few bytes that took gigabytes with no store limits (issue 15, item 4), under
 * the {@linkplain StoreLimits#defaults() default limits}: each is refused with the limit named, or
 * bounded; and what a raised limit lets through costs memory only when written.
 */
class DefaultLimitsTest {

    private static final long PAGE = 65536;

    private static final Engine ENGINE = Engine.create();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void tenTablesOfTenMillionElementsAreRefusedNamingTheLimit() {
        byte[] wasm = WasmBinary.tables(10, 10_000_000);
        Module module = ENGINE.compile(wasm);
        try (Store store = Store.create(ENGINE)) {
            ResourceLimitException refused = catchThrowableOfType(ResourceLimitException.class,
                    () -> new Linker().instantiate(store, module));

            assertThat(refused.limit()).isEqualTo(Limit.TOTAL_TABLE_ELEMENTS);
            assertThat(refused).hasMessageContaining("10000000 elements")
                    .hasMessageContaining("1000000 table elements")
                    .hasMessageContaining("StoreLimits.Builder.totalTableElements");
            // the store goes on: a table within the limit is made
            assertThat(Table.create(store, new TableType(ValType.FUNCREF,
                    Limits.between(1000, 1000), false), null).size()).isEqualTo(1000);
        }
    }

    @Test
    void tablesAllowedByARaisedLimitCostNoMemoryUntilWritten() {
        byte[] wasm = WasmBinary.tables(10, 10_000_000);
        Module module = ENGINE.compile(wasm);
        try (Store store = Store.create(ENGINE, StoreLimits.unlimited())) {
            long before = ProcessMemory.residentKib();
            Instance instance = new Linker().instantiate(store, module);
            long grown = ProcessMemory.residentKib() - before;
            System.out.printf("ten tables of 10M elements (%d-byte module): RSS +%d KiB%n", wasm.length, grown);

            assertThat(instance).isNotNull();
            assertThat(grown).as("KiB resident for 800 MB of table").isLessThan(64 * 1024);
        }
    }

    @Test
    void tablesShareTheTotalAndGrowthPastItReturnsMinusOne() {
        try (Store store = Store.create(ENGINE, StoreLimits.builder().totalTableElements(2000).build())) {
            Instance limits = TestModules.instantiate(store, "limits"); // a table of 1
            Table host = Table.create(store, new TableType(ValType.FUNCREF,
                    Limits.atLeast(1000), false), null);
            Func grow = limits.func("grow_table").orElseThrow();

            assertThat(grow.callI32(1000)).isEqualTo(-1);
            assertThat(grow.callI32(999)).isEqualTo(1);
            assertThat(host.grow(1, null)).isEqualTo(-1);
            assertThat(grow.callI32(0)).isEqualTo(1000);
        }
    }

    @Test
    void aHundredMemoriesOfFourGibibytesShareOneGibibyte() {
        byte[] wasm = WasmBinary.memories(100, 0, 65536);
        Module module = ENGINE.compile(wasm);
        try (Store store = Store.create(ENGINE)) {
            Instance instance = new Linker().instantiate(store, module);
            long granted = 0;
            for (int i = 0; i < 100; i++) {
                Memory memory = instance.memory("m" + i).orElseThrow();
                for (long pages = 16384; pages > 0; pages /= 2) {
                    if (memory.grow(pages) >= 0) {
                        granted += pages * PAGE;
                    }
                }
            }
            assertThat(granted).isEqualTo(StoreLimits.DEFAULT_TOTAL_MEMORY_SIZE);

            // a 101st memory is past the count
            ResourceLimitException refused = catchThrowableOfType(ResourceLimitException.class,
                    () -> Memory.create(store, new MemoryType(
                            Limits.between(0, 1), false, false)));
            assertThat(refused.limit()).isEqualTo(Limit.MEMORIES);
            assertThat(refused).hasMessageContaining("100 memories")
                    .hasMessageContaining("StoreLimits.Builder.memories");
        }
    }

    @Test
    void aMemoryWhoseMinimumIsFourGibibytesIsRefused() {
        Module module = ENGINE.compile(WasmBinary.memories(1, 65536, 65536));
        try (Store store = Store.create(ENGINE)) {
            ResourceLimitException refused = catchThrowableOfType(ResourceLimitException.class,
                    () -> new Linker().instantiate(store, module));
            assertThat(refused.limit()).isEqualTo(Limit.TOTAL_MEMORY_SIZE);
            assertThat(refused).hasMessageContaining("4294967296 bytes")
                    .hasMessageContaining("StoreLimits.Builder.totalMemorySize");
        }
        try (Store store = Store.create(ENGINE, StoreLimits.builder().totalMemorySize(4L << 30).build())) {
            assertThat(new Linker().instantiate(store, module).memory("m0").orElseThrow().byteSize())
                    .isEqualTo(4L << 30);
        }
    }

    @Test
    void theCountOfTablesIsLimited() {
        Module module = ENGINE.compile(WasmBinary.tables(100, 1));
        try (Store store = Store.create(ENGINE)) {
            new Linker().instantiate(store, module);
            ResourceLimitException refused = catchThrowableOfType(ResourceLimitException.class,
                    () -> new Linker().instantiate(store, module));
            assertThat(refused.limit()).isEqualTo(Limit.TABLES);
            assertThat(refused).hasMessageContaining("100 tables");
        }
    }

    @Test
    void defaultsAreDocumentedValuesAndUnlimitedIsWasmtimes() {
        StoreLimits defaults = StoreLimits.defaults();
        assertThat(defaults.totalMemorySize()).isEqualTo(1L << 30);
        assertThat(defaults.totalTableElements()).isEqualTo(1_000_000);
        assertThat(defaults.instances()).isEqualTo(10_000);
        assertThat(defaults.memories()).isEqualTo(100);
        assertThat(defaults.tables()).isEqualTo(100);
        StoreLimits unlimited = StoreLimits.unlimited();
        assertThat(unlimited.totalMemorySize()).isEqualTo(Long.MAX_VALUE);
        assertThat(unlimited.memories()).isEqualTo(10_000);
    }

    @Test
    void anExplicitlyCheckedMemoryReservesNoMoreThanTheStoreLetsItReach() {
        MemoryType unbounded = new MemoryType(Limits.atLeast(1), false, false);
        try (Store store = Store.create(ENGINE)) {
            Memory memory = Memory.create(store, unbounded);
            assertThat(memory.reservedBytes()).as("the default store: 1 GiB of memory at most")
                    .isLessThanOrEqualTo(StoreLimits.DEFAULT_TOTAL_MEMORY_SIZE + (1L << 20));
        }
        try (Store store = Store.create(ENGINE, StoreLimits.builder().totalMemorySize(16 * PAGE).build())) {
            assertThat(Memory.create(store, unbounded).reservedBytes()).isLessThanOrEqualTo(16 * PAGE + (1L << 20));
        }
        try (Store store = Store.create(ENGINE, StoreLimits.unlimited())) {
            assertThat(Memory.create(store, unbounded).reservedBytes()).isGreaterThanOrEqualTo(4L << 30);
        }
    }

    @Test
    void newMemoriesAreRefusedOnceTheProcessReservesItsAddressSpaceLimit() {
        // earlier tests' dropped memories unmapped first
        long reserved = ProcessMemory.settled(dev.windlass.nativemem.VirtualMemory::reservedBytes);
        MemoryType upToAGibibyte = new MemoryType(Limits.between(1, 16384), false, false);
        try (Engine engine = Engine.create(Config.builder().maxReservedBytes(reserved + (3L << 30) + (1L << 29))
                .memoryPoolSlots(0).build())) {
            try (Store store = Store.create(engine)) {
                for (int i = 0; i < 3; i++) {
                    Memory.create(store, upToAGibibyte);
                }
                ResourceLimitException e = catchThrowableOfType(ResourceLimitException.class,
                        () -> Memory.create(store, upToAGibibyte));
                assertThat(e.limit()).isEqualTo(Limit.RESERVED_ADDRESS_SPACE);
                assertThat(e).hasMessageContaining("Config.Builder.maxReservedBytes");
            }
            try (Store store = Store.create(engine)) { // the closed store's reservations are back
                assertThat(Memory.create(store, upToAGibibyte).reservedBytes()).isEqualTo(1L << 30);
            }
        }
    }
}
