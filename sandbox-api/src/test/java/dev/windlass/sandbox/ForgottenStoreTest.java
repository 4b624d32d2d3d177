package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.nativemem.NativeHeap;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store dropped without {@link Store#close()} is reclaimed: nothing static keeps it (host
 * functions live in their store, the builtins' registry holds instances weakly), and its
 * Cleaner frees its native memory and registry entries; its memories and module code have
 * Cleaners of their own. Checked by the registry's size, the process's mappings and its RSS.
 */
class ForgottenStoreTest {

    private static final FuncType GREET = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
    private static final int STORES = 2_000;

    @Test
    void droppedStoresGiveBackTheirNativeMemoryAndRegistryEntries() throws Exception {
        Engine engine = Engine.create();
        Module module = TestModules.compile(engine, "caller");
        // Warm up with a whole round: JIT, the C heap's growth to the most blocks that wait for
        // the Cleaner at once (which depends on when collections run, so it can take a round).
        runForgotten(engine, module, STORES);
        collect(0);
        int registered = RuntimeBuiltins.registeredInstances();
        long mappings = ProcessMemory.mappings();
        awaitReclaimed(registered, mappings);
        long rss = ProcessMemory.residentKib();
        long blocks = NativeHeap.liveBlocks();

        runForgotten(engine, module, STORES);
        long grownMappings = ProcessMemory.mappings() - mappings;
        awaitReclaimed(registered, mappings);
        long firstRound = ProcessMemory.residentKib() - rss;
        // Later rounds must reuse what the first gave back: freed native memory that the C
        // library keeps for reuse shows in VmRSS once, and a leak grows it in every round. RSS
        // also moves with things no store owns (the JIT, the collector's choices), so one round
        // of up to four that grows less than 8 MiB is asked for: a leak would grow every round,
        // and that bounds it below 4 KiB per store.
        List<Long> laterRounds = new ArrayList<>();
        long before = ProcessMemory.residentKib();
        do {
            runForgotten(engine, module, STORES);
            awaitReclaimed(registered, mappings);
            long after = ProcessMemory.residentKib();
            laterRounds.add(after - before);
            before = after;
        } while (laterRounds.getLast() >= 8 * 1024 && laterRounds.size() < 4);

        System.out.printf("ForgottenStoreTest: %d stores dropped per round: mappings +%d while alive, +%d after;"
                + " VmRSS %+d KiB after the first round, then %s KiB%n",
                STORES, grownMappings, ProcessMemory.mappings() - mappings, firstRound, laterRounds);
        assertThat(RuntimeBuiltins.registeredInstances()).isLessThanOrEqualTo(registered);
        assertThat(NativeHeap.liveBlocks()).as("native blocks not freed").isLessThanOrEqualTo(blocks);
        assertThat(ProcessMemory.mappings() - mappings).isLessThan(50);
        assertThat(laterRounds.stream().mapToLong(Long::longValue).min().orElseThrow())
                .as("KiB more after a round of %d forgotten stores (rounds: %s)", STORES, laterRounds)
                .isLessThan(8 * 1024);
    }

    private static void awaitReclaimed(int registered, long mappings) throws Exception {
        collect(registered);
        long end = System.nanoTime() + 10_000_000_000L;
        while (ProcessMemory.mappings() - mappings >= 50 && System.nanoTime() < end) { // the memories' own Cleaners
            System.gc();
            Thread.sleep(50);
        }
    }

    /** Instantiates {@code count} stores, each with a host function that captures its store, and drops them. */
    private static void runForgotten(Engine engine, Module module, int count) {
        for (int i = 0; i < count; i++) {
            Store store = Store.create(engine);
            Instance instance = new Linker()
                    .define("host", "greet", GREET, call -> {
                        call.callerMemory().write(0, new byte[] {5, 0, 0, 0});
                        call.setI32(0, store.limits().instances()); // captures its store
                    })
                    .instantiate(store, module);
            assertThat(instance.func("run").orElseThrow().callI32()).isEqualTo(10_005);
        }
    }

    /** Collects until the registry is back to {@code registered} entries (or 10 s passed). */
    private static void collect(int registered) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        do {
            System.gc();
            Thread.sleep(20);
        } while (RuntimeBuiltins.registeredInstances() > registered && System.nanoTime() < end);
        Thread.sleep(100); // the Cleaners' last actions
        System.gc();
    }
}
