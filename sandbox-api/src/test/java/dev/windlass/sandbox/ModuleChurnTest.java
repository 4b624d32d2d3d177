package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A long-running service compiles many distinct modules and drops them (issue 25): the compile
 * cache keeps a bounded number of them (each entry weighs at least 256 KiB, whatever its size),
 * dropped modules are unmapped when collected, and in guard-page mode the code-range table
 * reuses their slots, so the process's mappings stay flat and compilation never fails for want
 * of them. {@code -Dwindlass.churn.modules=100000} for the long run (default 12,000: more than
 * the old 4,096-slot table held, and than the old cache let go of).
 */
class ModuleChurnTest {

    private static final int MODULES = Integer.getInteger("windlass.churn.modules", 12_000);

    /** A distinct tiny module for each {@code n}: {@code (func (export "f") (result i32) (i32.const n))}. */
    static byte[] module(int n) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0x41});
        leb(body, n);
        body.write(0x0B);
        byte[] code = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        out.writeBytes(new byte[] {1, 5, 1, 0x60, 0, 1, 0x7F, 3, 2, 1, 0, 7, 5, 1, 1, 'f', 0, 0});
        out.write(10);
        leb(out, code.length + 2);
        out.write(1);
        leb(out, code.length);
        out.writeBytes(code);
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, long value) {
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }


    @Test
    void distinctModulesCompiledAndDroppedKeepMappingsFlat() {
        for (MemoryStrategy strategy : new MemoryStrategy[] {MemoryStrategy.EXPLICIT_CHECKS, MemoryStrategy.GUARD_PAGES}) {
            try (Engine engine = Engine.create(Config.builder().memoryStrategy(strategy).compilerThreads(1).build());
                 Store store = Store.create(engine)) {
                long before = 0;
                long peak = 0;
                for (int n = 0; n < MODULES; n++) {
                    Module module = engine.compile(module(n));
                    if (n % 1000 == 0) { // a call now and then: the code is real
                        assertThat(new Linker().instantiate(store, module).func("f").orElseThrow().callI32()).isEqualTo(n);
                    }
                    if (n == 2000) {
                        before = ProcessMemory.settled(ProcessMemory::mappings);
                    }
                    if (n > 2000 && n % 2000 == 0) {
                        peak = Math.max(peak, ProcessMemory.settled(ProcessMemory::mappings));
                    }
                }
                assertThat(engine.cacheStats().entries()).as("%s: modules the cache keeps", strategy)
                        .isLessThanOrEqualTo(Config.defaults().compileCacheBytes() / ModuleCache.MIN_ENTRY_WEIGHT);
                System.out.printf("ModuleChurnTest %s: %d modules; mappings %d after 2,000, at most %d after%n",
                        strategy, MODULES, before, peak);
                assertThat(peak).as("%s: mappings after %d modules", strategy, MODULES).isLessThan(before + 2_000);
                engine.invalidateCompileCache();
                assertThat(engine.cacheStats().entries()).isZero();
            }
        }
    }
}
