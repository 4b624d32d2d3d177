package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads calling one plugin, platform threads and virtual threads alike, under each
 * policy: every answer is right, {@code SHARED} runs calls one at a time on one instance,
 * {@code PER_CALL} calls never see each other's state.
 */
class ConcurrencyTest {

    private static final int PLATFORM_THREADS = 16;
    private static final int CALLS_PER_PLATFORM_THREAD = 300;
    private static final int VIRTUAL_THREADS = 10_000;

    enum Threads { PLATFORM, VIRTUAL }

    private static PluginRegistry registry(InstancePolicy policy) {
        PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(policy).poolSize(4).build()).build();
        registry.load("echo", Wat.resource("echo"));
        return registry;
    }

    /** Runs {@code calls} calls of {@code call} on the threads of {@code kind}; {@return every answer} */
    private static List<Integer> run(Threads kind, Echo echo, java.util.function.IntUnaryOperator call)
            throws Exception {
        int tasks = kind == Threads.PLATFORM ? PLATFORM_THREADS : VIRTUAL_THREADS;
        int callsPerTask = kind == Threads.PLATFORM ? CALLS_PER_PLATFORM_THREAD : 1;
        List<Integer> answers = new ArrayList<>();
        try (ExecutorService executor = kind == Threads.PLATFORM ? Executors.newFixedThreadPool(PLATFORM_THREADS)
                : Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                int task = t;
                futures.add(executor.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < callsPerTask; i++) {
                        mine.add(call.applyAsInt(task * callsPerTask + i));
                    }
                    return mine;
                }));
            }
            for (Future<List<Integer>> future : futures) {
                answers.addAll(future.get());
            }
        }
        return answers;
    }

    private static int total(Threads kind) {
        return kind == Threads.PLATFORM ? PLATFORM_THREADS * CALLS_PER_PLATFORM_THREAD : VIRTUAL_THREADS;
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void sharedRunsEveryCallAloneOnOneInstance(Threads kind) throws Exception {
        try (PluginRegistry registry = registry(InstancePolicy.SHARED)) {
            Echo echo = registry.plugin(Echo.class);
            List<Integer> counts = run(kind, echo, i -> echo.increment());
            // one instance, calls one at a time: the counter took every value once
            assertThat(Set.copyOf(counts)).hasSize(total(kind));
            assertThat(counts).allSatisfy(c -> assertThat(c).isBetween(1, total(kind)));
        }
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void perCallCallsSeeNoOtherCallsState(Threads kind) throws Exception {
        try (PluginRegistry registry = registry(InstancePolicy.PER_CALL)) {
            Echo echo = registry.plugin(Echo.class);
            List<Integer> counts = run(kind, echo, i -> echo.increment());
            assertThat(counts).hasSize(total(kind)).containsOnly(1);
            List<Integer> notes = run(kind, echo, i -> echo.swapNote("call " + i).length());
            assertThat(notes).containsOnly(0);
        }
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void pooledInstancesServeOneCallAtATime(Threads kind) throws Exception {
        try (PluginRegistry registry = registry(InstancePolicy.POOLED)) {
            Echo echo = registry.plugin(Echo.class);
            List<Integer> counts = run(kind, echo, i -> echo.increment());
            // at most 4 instances, each counting its own calls without a gap or a repeat
            ConcurrentHashMap<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
            counts.forEach(c -> seen.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet());
            assertThat(seen.get(1).get()).isBetween(1, 4);
            assertThat(counts).hasSize(total(kind));
        }
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void everyPolicyAnswersEveryStringRight(Threads kind) throws Exception {
        for (InstancePolicy policy : InstancePolicy.values()) {
            try (PluginRegistry registry = registry(policy)) {
                Echo echo = registry.plugin(Echo.class);
                List<Integer> wrong = run(kind, echo, i -> {
                    String text = "call " + i + " \uD83D\uDE00 " + "x".repeat(i % 100);
                    return echo.concat(text, "!").equals(text + "!") && echo.add(i, 1) == i + 1 ? 0 : 1;
                });
                assertThat(wrong).as(policy.toString()).containsOnly(0);
            }
        }
    }
}
