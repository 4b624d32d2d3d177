package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Four threads call a plugin while it is swapped 50 times, 3 of the new files broken (not a
 * module, not fitting the interface, failing the smoke export): no call fails, every answer
 * comes from one whole version that was put in service, no thread ever sees an older version
 * after a newer one, and once the swaps end every replaced version has drained.
 */
class HotSwapTest {

    private static final int SWAPS = 50;
    private static final int CALLERS = 4;
    /** Broken files, by swap number. */
    private static final Map<Integer, byte[]> BROKEN = Map.of(
            10, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 2, 3},
            25, Wat.resource("echo"),
            40, Versioned.module(40, "(unreachable)"));

    enum Threads { PLATFORM, VIRTUAL }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void swapsUnderLoadLoseNoCall(InstancePolicy policy) throws Exception {
        swap(policy, Threads.PLATFORM);
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void swapsUnderLoadOfVirtualThreadsLoseNoCall(InstancePolicy policy) throws Exception {
        swap(policy, Threads.VIRTUAL);
    }

    private static void swap(InstancePolicy policy, Threads threads) throws Exception {
        try (PluginRegistry registry = PluginRegistry.builder().options("versioned", PluginOptions.builder()
                .policy(policy).poolSize(2).smokeExport("healthy").build()).build();
             ExecutorService callers = threads == Threads.PLATFORM ? Executors.newFixedThreadPool(CALLERS)
                     : Executors.newVirtualThreadPerTaskExecutor()) {
            registry.load("versioned", Versioned.module(0));
            Versioned plugin = registry.plugin(Versioned.class);
            Set<Integer> inService = java.util.concurrent.ConcurrentHashMap.newKeySet();
            inService.add(0);
            AtomicBoolean swapping = new AtomicBoolean(true);
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                int caller = t;
                running.add(callers.submit(() -> {
                    int last = 0;
                    for (int i = 0; swapping.get() || i < 100; i++) {
                        String text = "c" + caller + "-" + i;
                        String answer = plugin.tag(text);
                        int version = Integer.parseInt(answer.substring(1, answer.indexOf(':')));
                        if (!answer.equals("v" + version + ":" + text) || !inService.contains(version)
                                || version < last) {
                            wrong.add(answer + " after v" + last);
                        }
                        last = version;
                        calls.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int swap = 1; swap <= SWAPS; swap++) {
                byte[] broken = BROKEN.get(swap);
                if (broken != null) {
                    String before = registry.version("versioned").orElseThrow().sha256();
                    assertThatThrownBy(() -> registry.reload("versioned", broken))
                            .isInstanceOf(PluginLoadException.class);
                    assertThat(registry.version("versioned").orElseThrow().sha256()).isEqualTo(before);
                } else {
                    inService.add(swap);
                    registry.reload("versioned", Versioned.module(swap));
                }
                Thread.sleep(2);
            }
            swapping.set(false);
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS); // rethrows any failed call
            }
            assertThat(wrong).isEmpty();
            assertThat(plugin.version()).isEqualTo(SWAPS);
            assertThat(calls.get()).isGreaterThanOrEqualTo(CALLERS * 100L);
            assertThat(registry.drainingVersions("versioned")).isZero();
        }
    }
}
