package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Hostile and per-call plugin calls leave no native memory behind: after a warm-up round,
 * VmRSS stops growing and the process gains no mappings. RSS also moves with what no call
 * owns (the JIT, the collector), so one round of up to four growing less than 8 MiB is asked
 * for: a leak would grow every round. {@code -Dwindlass.plugins.memoryRoundCalls=N} sets the
 * calls per round (default 25,000 hostile calls, of which at least 100,000 run in all;
 * 100,000 per-call calls).
 */
@EnabledOnOs(OS.LINUX)
class NativeMemoryTest {

    private static final long ALLOWED_GROWTH_KIB = 8 * 1024;

    @Test
    void hostileCallsLeakNothing() {
        int calls = Integer.getInteger("windlass.plugins.memoryRoundCalls", 25_000);
        byte[] trapping = Wat.compile("""
                (module (memory (export "memory") 1)
                  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
                  (func (export "give") (result i32) (i32.const -4))
                  (func (export "take") (param i32 i32) (result i32) (local.get 1))
                  (func (export "takeTwo") (param i32 i32 i32 i32) (result i32) (i32.const 0))
                  (func (export "fine") (result i32) (i32.const 42)))""");
        for (InstancePolicy policy : new InstancePolicy[] {InstancePolicy.PER_CALL, InstancePolicy.SHARED}) {
            try (PluginRegistry registry = PluginRegistry.builder()
                    .defaults(PluginOptions.builder().policy(policy).build()).build()) {
                registry.load("hostile", trapping);
                HostileTest.Hostile hostile = registry.plugin(HostileTest.Hostile.class);
                measure("hostile " + policy, calls, i -> {
                    if ((i & 1) == 0) {
                        assertThatThrownBy(() -> hostile.take("abc")).isInstanceOf(PluginTrapException.class);
                    } else {
                        assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class);
                    }
                });
                assertThat(hostile.fine()).isEqualTo(42);
            }
        }
    }

    @Test
    void perCallCallsLeakNothing() {
        int calls = Integer.getInteger("windlass.plugins.memoryRoundCalls", 100_000);
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(InstancePolicy.PER_CALL).build()).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            measure("PER_CALL echo", calls, i -> assertThat(echo.echo("call")).isEqualTo("call"));
        }
    }

    /** Runs a warm-up round of {@code calls}, then up to four more until one grows VmRSS less than the allowance. */
    private static void measure(String what, int calls, IntConsumer call) {
        round(calls, call);
        long startRss = residentKib();
        long startMappings = mappings();
        List<Long> rounds = new ArrayList<>();
        long before = startRss;
        do {
            round(calls, call);
            long after = residentKib();
            rounds.add(after - before);
            before = after;
        } while (rounds.getLast() >= ALLOWED_GROWTH_KIB && rounds.size() < 4);
        long endMappings = mappings();
        System.out.printf("NativeMemoryTest %s: %d calls per round after a warm-up round; VmRSS %d KiB at the"
                + " start, %d KiB at the end (rounds %s KiB); mappings %d -> %d%n",
                what, calls, startRss, before, rounds, startMappings, endMappings);
        assertThat(rounds.stream().mapToLong(Long::longValue).min().orElseThrow())
                .as("KiB more after a round of %d calls (%s; rounds %s)", calls, what, rounds)
                .isLessThan(ALLOWED_GROWTH_KIB);
        assertThat(endMappings - startMappings).as("mappings gained").isLessThan(50);
    }

    private static void round(int calls, IntConsumer call) {
        for (int i = 0; i < calls; i++) {
            call.accept(i);
        }
        System.gc(); // forgotten stores would hold native memory until their Cleaners run
    }

    private static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mappings() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
