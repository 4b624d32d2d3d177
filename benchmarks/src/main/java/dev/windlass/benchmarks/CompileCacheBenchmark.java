package dev.windlass.benchmarks;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Module;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes to {@link Module} for a 1 MiB module (one function, a 1 MiB data segment of random
 * bytes), in microseconds: {@code cacheHit} through the engine's compile cache (checksum of the
 * bytes, lookup, exact comparison; issue 7's target is at most 50 µs), {@code uncached} with the
 * cache off (decode, validate, compile, map).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CompileCacheBenchmark {

    static final int DATA_BYTES = 1 << 20;

    private byte[] wasm;
    private Engine cached;
    private Engine uncached;

    @Setup
    public void setUp() {
        wasm = moduleWithData(DATA_BYTES);
        cached = Engine.create();
        uncached = Engine.create(Config.builder().compileCacheBytes(0).build());
        if (cached.compile(wasm) != cached.compile(wasm)) {
            throw new IllegalStateException("the cache did not hit");
        }
    }

    @Benchmark
    public Module cacheHit() {
        return cached.compile(wasm);
    }

    @Benchmark
    public Module uncached() {
        return uncached.compile(wasm);
    }

    /** {@code (module (memory 16) (func (export "nop")) (data (i32.const 0) "<size random bytes>"))} */
    static byte[] moduleWithData(int size) {
        byte[] data = WasmBytes.randomData(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}); // type: () -> ()
        out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // one function of type 0
        out.writeBytes(new byte[] {0x05, 0x03, 0x01, 0x00, 0x10}); // memory, min 16 pages
        out.writeBytes(new byte[] {0x07, 0x07, 0x01, 0x03, 'n', 'o', 'p', 0x00, 0x00}); // export "nop"
        out.writeBytes(new byte[] {0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}); // code: empty body
        WasmBytes.dataSection(out, data);
        return out.toByteArray();
    }
}
