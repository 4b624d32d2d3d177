package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Compilation is bounded (issue 15): a module over {@link Config#maxModuleBytes()} is refused
 * before it is decoded, one that takes longer than {@link Config#compileTimeout()} stops on every
 * compiling thread, both with {@link ResourceLimitException}, and the same bytes compile without
 * a budget; the compiler threads are named daemons.
 */
class CompileBudgetTest {

    /** {@code functions} functions of {@code () -> i32}, each {@code operators} constant adds long. */
    private static byte[] module(int functions, int operators) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // no locals
        body.writeBytes(new byte[] {0x41, 1});
        for (int i = 0; i < operators; i++) {
            body.writeBytes(new byte[] {0x41, 3, 0x6A});
        }
        body.write(0x0B);
        byte[] code = body.toByteArray();
        ByteArrayOutputStream bodies = new ByteArrayOutputStream();
        leb(bodies, functions);
        for (int f = 0; f < functions; f++) {
            leb(bodies, code.length);
            bodies.writeBytes(code);
        }
        ByteArrayOutputStream functionSection = new ByteArrayOutputStream();
        leb(functionSection, functions);
        for (int f = 0; f < functions; f++) {
            functionSection.write(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        section(out, 1, new byte[] {1, 0x60, 0, 1, 0x7F});
        section(out, 3, functionSection.toByteArray());
        section(out, 10, bodies.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        leb(out, payload.length);
        out.writeBytes(payload);
    }

    private static void leb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    @Test
    void aModuleLargerThanTheLimitIsRefusedBeforeDecoding() {
        byte[] wasm = module(1, 1000);
        try (Engine engine = Engine.create(Config.builder().maxModuleBytes(1024).build())) {
            ResourceLimitException e = catchThrowableOfType(ResourceLimitException.class, () -> engine.compile(wasm));
            assertThat(e).hasMessageContaining("maxModuleBytes").hasMessageContaining(String.valueOf(wasm.length));
            assertThat(engine.compile(module(1, 10))).isNotNull();
        }
    }

    @Test
    void aCompilationOverItsBudgetStopsOnEveryThread() {
        byte[] big = module(64, 50_000); // about 9.6 MB of code: far more than a millisecond
        for (int threads : new int[] {1, 2}) {
            try (Engine engine = Engine.create(Config.builder().compileTimeout(Duration.ofMillis(1))
                    .compilerThreads(threads).compileCacheBytes(0).build())) {
                long start = System.nanoTime();
                ResourceLimitException e = catchThrowableOfType(ResourceLimitException.class, () -> engine.compile(big));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(e).as("threads=%d", threads).hasMessageContaining("budget of 1 ms")
                        .hasMessageContaining("compileTimeout");
                assertThat(millis).as("threads=%d: stopped soon after the budget", threads).isLessThan(5_000);
            }
        }
        try (Engine unlimited = Engine.create(Config.builder().compileCacheBytes(0).build())) {
            assertThat(unlimited.compile(big)).isNotNull(); // the same bytes, without a budget
        }
    }

    @Test
    void compilerThreadsAreNamedDaemons() {
        try (Engine engine = Engine.create(Config.builder().compilerThreads(2).compileCacheBytes(0).build())) {
            engine.compile(module(64, 2000));
        }
        Set<Thread> compilers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("windlass-compiler-")).collect(Collectors.toSet());
        assertThat(compilers).isNotEmpty().allMatch(Thread::isDaemon);
        assertThat(compilers.size()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
