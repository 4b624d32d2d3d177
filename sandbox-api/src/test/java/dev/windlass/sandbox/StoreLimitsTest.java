package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;
import org.junit.jupiter.api.Test;

class StoreLimitsTest {

    private static final long PAGE = 65536;

    private final Engine engine = Engine.create();

    @Test
    void memoryGrowthFromWasmAndFromTheHostStopsAtTheLimitPerMemory() {
        try (Store store = Store.create(engine, StoreLimits.builder().memorySize(5 * PAGE).build())) {
            Instance instance = TestModules.instantiate(store, "limits");
            Func grow = instance.func("grow_memory").orElseThrow();
            Memory memory = instance.memory("memory").orElseThrow();

            assertThat(grow.callI32(5)).isEqualTo(-1);
            assertThat(grow.callI32(3)).isEqualTo(1);
            assertThat(memory.grow(2)).isEqualTo(-1);
            assertThat(memory.grow(1)).isEqualTo(4);
            assertThat(grow.callI32(1)).isEqualTo(-1);
            assertThat(grow.callI32(0)).isEqualTo(5);
            assertThat(memory.pages()).isEqualTo(5);
        }
    }

    @Test
    void aModuleGrowingInALoopStopsAtTheStoreLimitWithMinusOne() {
        try (Store store = Store.create(engine, StoreLimits.builder().memorySize(64 * PAGE).build())) {
            Instance instance = TestModules.instantiate(store, "limits");

            assertThat(instance.func("grow_until_refused").orElseThrow().callI32()).isEqualTo(63);
            assertThat(instance.memory("memory").orElseThrow().byteSize()).isEqualTo(64 * PAGE);
        }
    }

    @Test
    void allMemoriesOfAStoreShareTheTotal() {
        StoreLimits limits = StoreLimits.builder().totalMemorySize(6 * PAGE).build();
        try (Store store = Store.create(engine, limits)) {
            Instance instance = TestModules.instantiate(store, "two_memories");
            Func growA = instance.func("grow_a").orElseThrow();
            Func growB = instance.func("grow_b").orElseThrow();

            assertThat(growA.callI32(3)).isEqualTo(1); // 4 + 1 pages
            assertThat(growB.callI32(2)).isEqualTo(-1);
            assertThat(growB.callI32(1)).isEqualTo(1); // 4 + 2 pages: the total is reached
            assertThat(growA.callI32(1)).isEqualTo(-1);
            assertThatThrownBy(() -> Memory.create(store, new MemoryType(Limits.between(1, 1), false, false)))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("393216 bytes");
        }
    }

    @Test
    void aModuleWhoseMinimumExceedsALimitIsRefusedAndTheStoreGoesOn() {
        try (Store store = Store.create(engine, StoreLimits.builder().memorySize(PAGE - 1).build())) {
            assertThatThrownBy(() -> TestModules.instantiate(store, "limits"))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("per memory");
            Memory small = Memory.create(store, new MemoryType(Limits.between(0, 0), false, false));
            assertThat(small.grow(1)).isEqualTo(-1);
            assertThat(small.grow(0)).isZero();
        }
        try (Store store = Store.create(engine, StoreLimits.builder().tableElements(0).build())) {
            assertThatThrownBy(() -> TestModules.instantiate(store, "limits"))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("per table");
        }
    }

    @Test
    void tableGrowthStopsAtTheLimitPerTable() {
        try (Store store = Store.create(engine, StoreLimits.builder().tableElements(10).build())) {
            Instance instance = TestModules.instantiate(store, "limits");
            Func grow = instance.func("grow_table").orElseThrow();
            Table table = instance.table("table").orElseThrow();

            assertThat(grow.callI32(10)).isEqualTo(-1);
            assertThat(grow.callI32(8)).isEqualTo(1);
            assertThat(table.grow(2, null)).isEqualTo(-1);
            assertThat(table.grow(1, null)).isEqualTo(9);
            assertThat(table.size()).isEqualTo(10);
        }
    }

    @Test
    void countsOfInstancesMemoriesAndTablesAreLimitedPerStore() {
        StoreLimits limits = StoreLimits.builder().instances(2).memories(3).tables(2).build();
        try (Store store = Store.create(engine, limits)) {
            TestModules.instantiate(store, "limits");
            TestModules.instantiate(store, "limits");
            assertThatThrownBy(() -> TestModules.instantiate(store, "limits"))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("2 instances");

            Memory.create(store, new MemoryType(Limits.between(0, 1), false, false));
            assertThatThrownBy(() -> Memory.create(store, new MemoryType(Limits.between(0, 1), false, false)))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("3 memories");
            assertThatThrownBy(() -> Table.create(store, new TableType(ValType.FUNCREF, Limits.between(0, 1), false), null))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("2 tables");
        }
    }

    @Test
    void limitsMustNotBeNegative() {
        assertThatThrownBy(() -> StoreLimits.builder().instances(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StoreLimits.defaults().memories()).isEqualTo(100);
    }
}
