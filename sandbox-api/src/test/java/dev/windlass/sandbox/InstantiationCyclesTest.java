package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Per-request use at length: instantiate, call, close, many times over, from one
 * {@link InstancePre}. The process's RSS and mapping count must come back to where they were
 * (issue 7: within 5%). {@code -Dwindlass.cycles=N} sets the count (default 20,000; the issue's
 * one-off run uses 1,000,000).
 */
class InstantiationCyclesTest {

    private static final int CYCLES = Integer.getInteger("windlass.cycles", 20_000);

    @Test
    void instantiateCallCloseLeavesRssAndMappingsFlat() {
        Engine engine = Engine.create();
        InstancePre pre = new Linker().instantiatePre(TestModules.compile(engine, "limits"));
        cycles(pre, engine, 2_000); // warm up: JIT, pool, arenas
        System.gc();
        long rss = ProcessMemory.residentKib();
        long mappings = ProcessMemory.mappings();
        long start = System.nanoTime();

        cycles(pre, engine, CYCLES);
        System.gc();

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long rssAfter = ProcessMemory.residentKib();
        long mappingsAfter = ProcessMemory.mappings();
        System.out.printf("InstantiationCyclesTest: %,d cycles in %d s; VmRSS %,d -> %,d KiB (%+.1f%%), mappings %d -> %d%n",
                CYCLES, seconds, rss, rssAfter, 100.0 * (rssAfter - rss) / rss, mappings, mappingsAfter);
        assertThat((double) rssAfter).isLessThanOrEqualTo(rss * 1.05);
        assertThat((double) mappingsAfter).isLessThanOrEqualTo(mappings * 1.05);
    }

    private static void cycles(InstancePre pre, Engine engine, int count) {
        for (int i = 0; i < count; i++) {
            try (Store store = Store.create(engine)) {
                Instance instance = pre.instantiate(store);
                if (instance.func("grow_memory").orElseThrow().callI32(1) != 1) {
                    throw new AssertionError("cycle " + i + ": the memory did not start at one page");
                }
            }
        }
    }
}
