package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryLimitTest {

    @Test
    void growingInALoopStopsAtTheConfiguredLimitWithMinusOne() {
        Engine engine = Engine.create(Config.builder().maxMemoryPages(100).build());
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, TestModules.compile(engine, "grow"));

            assertThat(instance.func("grow_until_refused").orElseThrow().callI32()).isEqualTo(99);
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(memory.pages()).isEqualTo(100);
            assertThat(memory.grow(1)).isEqualTo(-1);
            assertThat(instance.func("touch_last").orElseThrow().callI32()).isEqualTo(7);
            assertThat(instance.func("grow_until_refused").orElseThrow().callI32()).isZero();
        }
    }

    @Test
    void anUnlimitedThirtyTwoBitMemoryStopsAtFourGibibytesOfAddressSpace() {
        Engine engine = Engine.create();
        try (Store store = Store.create(engine, StoreLimits.unlimited())) { // the default store stops at 1 GiB
            Instance instance = new Linker().instantiate(store, TestModules.compile(engine, "grow"));
            Memory memory = instance.memory("memory").orElseThrow();

            assertThat(memory.grow(65535)).isEqualTo(1); // reserved up front: growing commits nothing yet
            assertThat(memory.grow(1)).isEqualTo(-1);
            assertThat(instance.func("touch_last").orElseThrow().callI32()).isEqualTo(7);
        }
    }

    @Test
    void aMemoryLargerThanTheLimitIsRefusedAtInstantiation() {
        Engine engine = Engine.create(Config.builder().maxMemoryPages(0).build());
        try (Store store = Store.create(engine)) {
            assertThatThrownBy(() -> new Linker().instantiate(store, TestModules.compile(engine, "grow")))
                    .isInstanceOf(ResourceLimitException.class)
                    .hasMessageContaining("exceeds the engine's limit of 0 pages")
                    .hasMessageContaining("Config.Builder.maxMemoryPages");
        }
    }

    @Test
    void anAccessPastTheEndTrapsAndTheStoreGoesOn() {
        Engine engine = Engine.create(Config.builder().maxMemoryPages(2).build());
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, TestModules.compile(engine, "memory"));
            assertThatThrownBy(() -> instance.func("load8").orElseThrow().callI32(65536))
                    .isInstanceOfSatisfying(WasmTrap.class,
                            t -> assertThat(t.trapCode()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS));
            assertThat(instance.func("load8").orElseThrow().callI32(16)).isEqualTo('h');
        }
    }
}
