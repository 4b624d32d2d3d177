package dev.windlass.benchmarks;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.InstancePre;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Store;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request instantiation, in microseconds with percentiles (sample mode), for a module with
 * a 16-page memory and one active data segment of {@code dataBytes} at offset 0:
 *
 * <ul>
 *   <li>{@code instantiate}: issue 7's figure, {@link InstancePre#instantiate} alone, into a
 *       store made before and closed after each sample (outside the timing);</li>
 *   <li>{@code recycleDirty}: closing the previous request's store, whose instance wrote one
 *       word into each of {@code dirtyPages} 4 KiB pages (so its memory has that many pages to
 *       reset before the next tenant may have it), then instantiating into a fresh store: the
 *       "with 16 dirty pages to reset" figure, reset included;</li>
 *   <li>{@code instantiateCallClose}: the whole request: new store, instance, one call, close.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class InstantiateBenchmark {

    @Param({"16", "1048576"})
    public int dataBytes;

    private Engine engine;
    private InstancePre pre;

    @Setup
    public void setUp() {
        engine = Engine.create();
        pre = new Linker().instantiatePre(engine.compile(module(dataBytes)));
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** A store made before each sample and closed after it. */
    @State(Scope.Thread)
    public static class FreshStore {
        Store store;

        @Setup(Level.Invocation)
        public void open(InstantiateBenchmark benchmark) {
            store = Store.create(benchmark.engine);
        }

        @TearDown(Level.Invocation)
        public void close() {
            store.close();
        }
    }

    /** The previous request's store, its instance having dirtied {@code dirtyPages} pages, and the next request's. */
    @State(Scope.Thread)
    public static class DirtyPredecessor {
        @Param({"16"})
        public int dirtyPages;

        Store previous;
        Store next;

        @Setup(Level.Invocation)
        public void open(InstantiateBenchmark benchmark) {
            previous = Store.create(benchmark.engine);
            benchmark.pre.instantiate(previous).func("dirty").orElseThrow().call(dirtyPages);
            next = Store.create(benchmark.engine);
        }

        @TearDown(Level.Invocation)
        public void close() {
            previous.close();
            next.close();
        }
    }

    @Benchmark
    public Instance instantiate(FreshStore fresh) {
        return pre.instantiate(fresh.store);
    }

    @Benchmark
    public Instance recycleDirty(DirtyPredecessor stores) {
        stores.previous.close();
        return pre.instantiate(stores.next);
    }

    @Benchmark
    public long[] instantiateCallClose() {
        try (Store store = Store.create(engine)) {
            return pre.instantiate(store).func("nop").orElseThrow().call();
        }
    }

    /**
     * {@code (module (memory 16) (func (export "nop")) (func (export "dirty") (param $n i32) ...)
     * (data (i32.const 0) "<size random bytes>"))}, where {@code dirty} stores a word at every
     * 4 KiB boundary below {@code $n * 4096}.
     */
    static byte[] module(int size) {
        byte[] data = WasmBytes.randomData(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        out.writeBytes(new byte[] {0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00}); // types: ()->(), (i32)->()
        out.writeBytes(new byte[] {0x03, 0x03, 0x02, 0x00, 0x01}); // functions of types 0 and 1
        out.writeBytes(new byte[] {0x05, 0x03, 0x01, 0x00, 0x10}); // memory, min 16 pages
        out.writeBytes(new byte[] {0x07, 0x0f, 0x02, 0x03, 'n', 'o', 'p', 0x00, 0x00,
                0x05, 'd', 'i', 'r', 't', 'y', 0x00, 0x01}); // exports
        byte[] dirty = {
            0x01, 0x01, 0x7f, // one i32 local: $i
            0x02, 0x40, 0x03, 0x40, // block, loop
            0x20, 0x01, 0x20, 0x00, 0x4f, 0x0d, 0x01, // br_if 1 ($i >= $n)
            0x20, 0x01, 0x41, 0x0c, 0x74, 0x20, 0x01, 0x36, 0x02, 0x00, // i32.store ($i << 12) $i
            0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, // $i++
            0x0c, 0x00, 0x0b, 0x0b, 0x0b}; // br 0, end, end, end
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.writeBytes(new byte[] {0x02, 0x02, 0x00, 0x0b}); // two bodies; nop: no locals, end
        WasmBytes.leb(code, dirty.length);
        code.writeBytes(dirty);
        out.write(0x0a);
        WasmBytes.leb(out, code.size());
        out.writeBytes(code.toByteArray());
        WasmBytes.dataSection(out, data);
        return out.toByteArray();
    }
}
