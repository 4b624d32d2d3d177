package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.WasmMalformedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompileCacheTest {

    private static final byte[] CONTROL = TestModules.bytes("control");
    private static final byte[] LIMITS = TestModules.bytes("limits");

    @Test
    void theSameBytesGiveTheSameModule() {
        Engine engine = Engine.create();
        Module first = engine.compile(CONTROL);

        assertThat(engine.compile(CONTROL.clone())).isSameAs(first);
        assertThat(engine.compile(LIMITS)).isNotSameAs(first);
        CompileCacheStats stats = engine.cacheStats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.entries()).isEqualTo(2);
        assertThat(stats.bytes()).isGreaterThan(CONTROL.length + LIMITS.length);
    }

    @Test
    void changingTheArrayAfterwardsChangesNothingCached() {
        Engine engine = Engine.create();
        byte[] bytes = LIMITS.clone();
        Module module = engine.compile(bytes);
        bytes[bytes.length - 1] ^= 1;

        assertThat(engine.compile(LIMITS)).isSameAs(module);
    }

    @Test
    void aModuleThatFailsIsNotCached() {
        Engine engine = Engine.create();
        byte[] broken = java.util.Arrays.copyOf(CONTROL, CONTROL.length - 3);

        assertThatThrownBy(() -> engine.compile(broken)).isInstanceOf(WasmMalformedException.class);
        assertThatThrownBy(() -> engine.compile(broken)).isInstanceOf(WasmMalformedException.class);
        assertThat(engine.cacheStats().entries()).isZero();
        assertThat(engine.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void anEvictedModuleKeepsWorkingForWhoeverHoldsIt() {
        Engine engine = Engine.create(Config.builder().compileCacheBytes(1).build()); // room for nothing
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "limits");
            Module held = engine.compile(CONTROL);
            engine.cache().cleanUp();
            assertThat(engine.cacheStats().evictions()).isGreaterThanOrEqualTo(2);
            List<byte[]> garbage = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                garbage.add(new byte[1 << 20]);
                System.gc();
            }
            assertThat(garbage).hasSize(20);

            assertThat(instance.func("grow_memory").orElseThrow().callI32(1)).isEqualTo(1);
            Instance later = new Linker().instantiate(store, held);
            assertThat(later.func("fib").orElseThrow().callI32(10)).isEqualTo(55);
            assertThat(engine.compile(CONTROL)).isNotSameAs(held);
        }
    }

    @Test
    void withTheCacheOffEveryCompileCompiles() {
        Engine engine = Engine.create(Config.builder().compileCacheBytes(0).build());

        assertThat(engine.compile(CONTROL)).isNotSameAs(engine.compile(CONTROL));
        assertThatThrownBy(engine::cacheStats).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void threadsCompilingTheSameBytesAllGetOneWorkingModule() throws Exception {
        Engine engine = Engine.create();
        List<CompletableFuture<Module>> compiles = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            compiles.add(CompletableFuture.supplyAsync(() -> engine.compile(CONTROL)));
        }
        Module first = compiles.get(0).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<Module> compile : compiles) {
            assertThat(compile.get(30, TimeUnit.SECONDS)).isSameAs(first);
        }
        try (Store store = Store.create(engine)) {
            assertThat(new Linker().instantiate(store, first).func("fib").orElseThrow().callI32(7)).isEqualTo(13);
        }
    }
}
