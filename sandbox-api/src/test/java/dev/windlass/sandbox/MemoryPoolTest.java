package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Memories of closed stores are reused by the next instances ({@link Config#memoryPoolSlots()}):
 * the same reservation comes back, zeroed, at the new instance's initial size; a view kept from
 * the old store fails instead of reaching the new one; guard-page and large memories are not pooled.
 */
class MemoryPoolTest {

    private static long base(Instance instance) {
        return instance.memory("memory").orElseThrow().segment().address();
    }

    @Test
    void aClosedStoresMemoryComesBackZeroedAtTheInitialSize() {
        Engine engine = Engine.create();
        long firstBase;
        MemorySegment kept;
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "limits");
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(instance.func("grow_memory").orElseThrow().callI32(2)).isEqualTo(1);
            memory.segment().fill((byte) 0x5A);
            firstBase = base(instance);
            kept = memory.segment();
        }
        assertThat(engine.memoryPool().idle()).isEqualTo(1);
        assertThatThrownBy(() -> kept.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);

        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "limits");
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(base(instance)).isEqualTo(firstBase);
            assertThat(engine.memoryPool().idle()).isZero();
            assertThat(memory.pages()).isEqualTo(1);
            assertThat(memory.segment().toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
            assertThat(instance.func("grow_memory").orElseThrow().callI32(2)).isEqualTo(1);
            assertThat(memory.read(3 * 65536 - 1, 1)).containsExactly((byte) 0); // grown back, zeroed too
        }
    }

    @Test
    void withoutPoolingOrWithGuardPagesNothingIsKept() {
        for (Config config : new Config[] {Config.builder().memoryPoolSlots(0).build(),
                Config.builder().memoryStrategy(MemoryStrategy.GUARD_PAGES).build()}) {
            Engine engine = Engine.create(config);
            try (Store store = Store.create(engine)) {
                TestModules.instantiate(store, "limits");
            }
            assertThat(engine.memoryPool().idle()).as("%s", config).isZero();
        }
    }

    @Test
    void aMemoryGrownPastFourMebibytesIsNotKept() {
        Engine engine = Engine.create();
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "limits");
            assertThat(instance.func("grow_memory").orElseThrow().callI32(100)).isEqualTo(1);
        }
        assertThat(engine.memoryPool().idle()).isZero();
        try (Store store = Store.create(engine)) {
            TestModules.instantiate(store, "limits");
        }
        assertThat(engine.memoryPool().idle()).isEqualTo(1);
    }
}
