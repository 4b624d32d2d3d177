package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A long-running service under load (issue 25): {@value #THREADS} virtual threads across
 * {@value #STORES} stores call {@code wat/soak.wat} with timeouts, traps of every kind (timeout,
 * unreachable, stack overflow), re-entry through the host, while modules are compiled and
 * dropped and stores are closed and replaced. Every answer must be right, every trap the
 * expected one, the JVM alive, and RSS and mappings flat after the warm-up.
 * {@code -Dwindlass.soak.seconds=600} is the 10-minute soak; CI runs 10 seconds.
 */
class SoakTest {

    private static final int THREADS = 10_000;
    private static final int STORES = 100;
    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    /** One store slot: the store, its instance, and the lock that makes one thread at a time use it. */
    private record Slot(Store store, Instance instance, ReentrantLock lock) {
    }

    private static Slot newSlot(Engine engine, Module module) {
        Store store = Store.create(engine);
        AtomicReference<Instance> self = new AtomicReference<>();
        Instance instance = new Linker()
                .define("env", "reenter", I32_TO_I32, call -> call.setI32(0,
                        self.get().func("nest").orElseThrow().callI32(call.i32(0))))
                .instantiate(store, module);
        self.set(instance);
        return new Slot(store, instance, new ReentrantLock());
    }

    @Test
    void virtualThreadsAcrossStoresWithTimeoutsTrapsReentryAndChurnGetRightAnswers() throws Exception {
        long seconds = Long.getLong("windlass.soak.seconds", 10);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong wrong = new AtomicLong();
        AtomicInteger compiled = new AtomicInteger();
        AtomicLong storesReplaced = new AtomicLong();
        long[] warm = new long[2];
        try (Engine engine = Engine.create(Config.builder().epochInterruption(true).maxWasmStack(256 * 1024).build())) {
            Module module = TestModules.compile(engine, "soak");
            AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(STORES);
            for (int s = 0; s < STORES; s++) {
                slots.set(s, newSlot(engine, module));
            }
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long warmUp = start + Math.max(2, seconds / 5) * 1_000_000_000L;
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = Thread.ofVirtual().start(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int s = random.nextInt(STORES);
                        Slot slot = slots.get(s);
                        if (!slot.lock().tryLock()) {
                            Thread.yield();
                            continue;
                        }
                        try {
                            if (slots.get(s) != slot) {
                                continue; // replaced while we waited
                            }
                            String outcome = callOnce(slot, random, wrong);
                            outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                            if (random.nextInt(500) == 0) { // store churn: close it, put a new one in its place
                                slot.store().close();
                                slots.set(s, newSlot(engine, module));
                                storesReplaced.incrementAndGet();
                            }
                        } finally {
                            slot.lock().unlock();
                        }
                        if (random.nextInt(2000) == 0) { // module churn: a new module, dropped at once
                            int n = compiled.incrementAndGet();
                            Module churned = engine.compile(ModuleChurnTest.module(1_000_000 + n));
                            assertThat(churned).isNotNull();
                        }
                    }
                });
            }
            boolean measured = false;
            while (System.nanoTime() < end) {
                Thread.sleep(200);
                if (!measured && System.nanoTime() > warmUp) {
                    warm[0] = ProcessMemory.residentKib();
                    warm[1] = ProcessMemory.mappings();
                    measured = true;
                }
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (Thread thread : threads) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            List<Thread> stuck = java.util.Arrays.stream(threads).filter(Thread::isAlive).toList();
            for (Thread thread : stuck.subList(0, Math.min(3, stuck.size()))) {
                System.out.println("SoakTest: still running 60 s after the end: " + thread);
                for (StackTraceElement element : thread.getStackTrace()) {
                    System.out.println("    at " + element);
                }
            }
            if (!stuck.isEmpty()) {
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    if (thread.getName().startsWith("windlass-")) {
                        System.out.println("SoakTest: " + thread + " " + thread.getState());
                        for (StackTraceElement element : stack) {
                            System.out.println("    at " + element);
                        }
                    }
                });
            }
            assertThat(stuck).as("threads still running 60 s after the end").isEmpty();
            long rss = ProcessMemory.residentKib();
            long mappings = ProcessMemory.mappings();
            for (int s = 0; s < STORES; s++) {
                slots.get(s).store().close();
            }
            System.out.printf("SoakTest: %d s, %d virtual threads, %d stores (%d replaced), %d modules churned; %s;"
                    + " wrong %d; RSS %d -> %d KiB, mappings %d -> %d after warm-up%n", seconds, THREADS, STORES,
                    storesReplaced.get(), compiled.get(), outcomes, wrong.get(), warm[0], rss, warm[1], mappings);
            assertThat(wrong.get()).isZero();
            assertThat(outcomes).doesNotContainKey("unexpected");
            assertThat(outcomes.get("right")).isNotNull();
            assertThat(mappings).as("mappings after warm-up").isLessThan(warm[1] + 2_000);
            assertThat(rss).as("KiB resident after warm-up").isLessThan(warm[0] + 512 * 1024);
        }
    }

    /** One call of a random kind; {@return its outcome}, counting a wrong answer or trap in {@code wrong} */
    private static String callOnce(Slot slot, ThreadLocalRandom random, AtomicLong wrong) {
        Instance instance = slot.instance();
        int kind = random.nextInt(10);
        try {
            switch (kind) {
                case 0 -> {
                    slot.store().setTimeout(Duration.ofMillis(5));
                    try {
                        instance.func("spin").orElseThrow().call();
                    } finally {
                        slot.store().clearTimeout();
                    }
                }
                case 1 -> instance.func("trap").orElseThrow().call();
                case 2 -> instance.func("recurse").orElseThrow().call(0);
                case 3, 4 -> {
                    int n = random.nextInt(1, 20);
                    if (instance.func("nest").orElseThrow().callI32(n) != n + 7) {
                        wrong.incrementAndGet();
                    }
                    return "right";
                }
                default -> {
                    if (instance.func("fib").orElseThrow().callI32(20) != 6765) {
                        wrong.incrementAndGet();
                    }
                    return "right";
                }
            }
            wrong.incrementAndGet(); // spin, trap and recurse never return
            return "returned";
        } catch (WasmTrap trap) {
            TrapCode expected = switch (kind) {
                case 0 -> TrapCode.INTERRUPT;
                case 1 -> TrapCode.UNREACHABLE;
                case 2 -> TrapCode.STACK_OVERFLOW;
                default -> null;
            };
            if (trap.trapCode() != expected) {
                wrong.incrementAndGet();
            }
            return trap.trapCode().name();
        } catch (RuntimeException e) {
            wrong.incrementAndGet();
            return "unexpected";
        }
    }
}
