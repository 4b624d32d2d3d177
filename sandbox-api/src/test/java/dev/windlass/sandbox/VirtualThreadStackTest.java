package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads with timeouts and deep recursion (issue 25): a virtual thread may resume on
 * another carrier, whose stack lies elsewhere, between taking the stack limit and entering
 * Wasm. Sixteen virtual threads, each alternating an endless recursion under a timeout with a
 * shallow one, on eight carriers: every endless recursion ends in STACK_OVERFLOW (or INTERRUPT),
 * every shallow one returns its depth, and the JVM lives.
 */
class VirtualThreadStackTest {

    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    private static final FuncType I32_TO_NONE = new FuncType(List.of(ValType.I32), List.of());

    @Test
    void deepRecursionUnderTimeoutsOnVirtualThreadsTrapsAndShallowCallsReturn() throws Exception {
        int threads = 16;
        long seconds = Long.getLong("windlass.vthreads.seconds", 3);
        ConcurrentMap<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> running = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (Engine engine = Engine.create(Config.builder().epochInterruption(true).build())) {
            Module module = TestModules.compile(engine, "stack");
            for (int t = 0; t < threads; t++) {
                running.add(Thread.ofVirtual().name("wasm-", t).start(() -> {
                    try (Store store = Store.create(engine)) {
                        AtomicReference<Instance> self = new AtomicReference<>();
                        Instance instance = new Linker()
                                .define("env", "reenter", I32_TO_I32, call -> call.setI32(0,
                                        self.get().func("reenter_then_recurse").orElseThrow().callI32(call.i32(0))))
                                .define("env", "probe", I32_TO_NONE, call -> Thread.yield())
                                .instantiate(store, module);
                        self.set(instance);
                        store.setTimeout(Duration.ofSeconds(30));
                        while (System.nanoTime() < end) {
                            try {
                                instance.func("recurse").orElseThrow().call(0);
                                outcomes.computeIfAbsent("recursion returned", k -> new AtomicInteger()).incrementAndGet();
                            } catch (WasmTrap trap) {
                                outcomes.computeIfAbsent(trap.trapCode().name(), k -> new AtomicInteger()).incrementAndGet();
                            }
                            int depth = instance.func("depth").orElseThrow().callI32(200);
                            outcomes.computeIfAbsent(depth == 200 ? "shallow ok" : "shallow wrong",
                                    k -> new AtomicInteger()).incrementAndGet();
                            Thread.yield(); // invite the scheduler to move us to another carrier
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : running) {
                thread.join(Duration.ofSeconds(seconds + 60));
                assertThat(thread.isAlive()).as("%s still running", thread).isFalse();
            }
        }
        System.out.println("VirtualThreadStackTest: " + outcomes);
        assertThat(failures).isEmpty();
        assertThat(outcomes).doesNotContainKeys("recursion returned", "shallow wrong");
        assertThat(outcomes.get("shallow ok").get()).isPositive();
        assertThat(outcomes.keySet()).isSubsetOf("STACK_OVERFLOW", "INTERRUPT", "shallow ok");
    }
}
