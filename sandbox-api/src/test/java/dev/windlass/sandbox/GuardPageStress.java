package dev.windlass.sandbox;

import dev.windlass.memory.LinearMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything that takes SIGSEGV in a JVM at once, for {@code seconds} seconds, with our handler
 * in front of HotSpot's: NPEs through C2's implicit null checks, System.gc(), caught
 * StackOverflowErrors (stack banging and guard zones), allocation, and Wasm threads trapping on
 * guard pages while modules are compiled and dropped (the code-range table changes under the
 * handler) and stores are made and closed (8 GiB reservations come and go). Prints the counts
 * and "RESULT: OK". Run by {@link GuardPageStressTest} in a JVM of its own.
 */
public final class GuardPageStress {

    static volatile Object sink;

    static final class Holder {
        int x = 1;
    }

    static int[] maybeNull(int i) {
        return (i & 1) == 0 ? null : new int[i & 7];
    }

    static int length(int[] array) {
        return array.length; // an implicit null check once C2 compiles it
    }

    static int field(Holder holder) {
        return holder.x;
    }

    static int recurse(int depth) {
        return depth == Integer.MAX_VALUE ? 0 : 1 + recurse(depth + 1);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        byte[] wasm = TestModules.bytes("guard");
        Engine engine = Engine.create(Config.builder().memoryStrategy(MemoryStrategy.GUARD_PAGES).build());
        AtomicLong npes = new AtomicLong();
        AtomicLong soes = new AtomicLong();
        AtomicLong gcs = new AtomicLong();
        AtomicLong traps = new AtomicLong();
        AtomicLong loads = new AtomicLong();
        AtomicLong modules = new AtomicLong();
        AtomicLong stores = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        Module first = engine.compile(wasm); // before the CPU-hungry threads start
        long chained0 = CodeRangeTable.chainedFaults();
        long trapped0 = CodeRangeTable.trappedFaults();
        Runnable npe = () -> {
            Holder[] holders = {new Holder(), null};
            long local = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 10_000; i++) {
                    try {
                        local += length(maybeNull(i));
                    } catch (NullPointerException e) {
                        npes.incrementAndGet();
                    }
                    try {
                        local += field(holders[i & 1]);
                    } catch (NullPointerException e) {
                        npes.incrementAndGet();
                    }
                }
            }
            sink = local;
        };
        threads.add(new Thread(npe, "npe-1"));
        threads.add(new Thread(npe, "npe-2"));
        threads.add(new Thread(() -> {
            while (System.nanoTime() < deadline) {
                System.gc();
                gcs.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc"));
        threads.add(new Thread(() -> {
            while (System.nanoTime() < deadline) {
                try {
                    recurse(0);
                } catch (StackOverflowError e) {
                    soes.incrementAndGet();
                }
            }
        }, "soe"));
        threads.add(new Thread(() -> {
            while (System.nanoTime() < deadline) {
                Object[] objects = new Object[4096];
                for (int i = 0; i < objects.length; i++) {
                    objects[i] = new byte[64 + (i & 255)];
                }
                sink = objects;
            }
        }, "alloc"));
        for (int w = 0; w < 2; w++) {
            threads.add(new Thread(() -> {
                try {
                    long round = 0;
                    Module module = first;
                    while (System.nanoTime() < deadline) {
                        for (int s = 0; s < 20 && System.nanoTime() < deadline; s++) {
                            try (Store store = Store.create(engine)) {
                                stores.incrementAndGet();
                                Instance instance = new Linker().instantiate(store, module);
                                Func load = instance.func("load_i32").orElseThrow();
                                instance.memory("memory").orElseThrow().write(8, new byte[] {7});
                                for (int i = 0; i < 2000; i++) {
                                    round++;
                                    if (load.callI64(8) != 7) {
                                        throw new AssertionError("in-bounds load read a wrong value");
                                    }
                                    loads.incrementAndGet();
                                    try {
                                        load.call(LinearMemory.PAGE_SIZE + (round * 4096) % 0xFFFF_0000L);
                                        throw new AssertionError("no trap");
                                    } catch (WasmTrap trap) {
                                        if (trap.trapCode() != TrapCode.MEMORY_OUT_OF_BOUNDS || trap.functionIndex() != 0) {
                                            throw new AssertionError("wrong trap " + trap);
                                        }
                                        traps.incrementAndGet();
                                    }
                                }
                            }
                        }
                        // a new module now and then: its code range is added, the old one's removed by GC
                        module = engine.compile(wasm);
                        modules.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "wasm-" + w));
        }
        for (Thread thread : threads) {
            thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("stress %d s: NPEs=%d StackOverflowErrors=%d System.gc()=%d "
                        + "wasmTraps=%d wasmLoads=%d modules=%d stores=%d handlerInstalled=%b "
                        + "signalsChainedToJvm=%d signalsTrapped=%d%n",
                seconds, npes.get(), soes.get(), gcs.get(), traps.get(), loads.get(), modules.get(),
                stores.get(), GuardPageSignals.installed(),
                CodeRangeTable.chainedFaults() - chained0,
                CodeRangeTable.trappedFaults() - trapped0);
        if (failure.get() != null) {
            failure.get().printStackTrace(System.out);
            System.out.println("RESULT: FAILURE " + failure.get());
            System.exit(1);
        }
        System.out.println("RESULT: OK");
    }
}
