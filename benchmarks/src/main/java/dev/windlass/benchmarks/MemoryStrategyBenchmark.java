package dev.windlass.benchmarks;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.MemoryStrategy;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Explicit bounds checks against guard pages ({@link Config#memoryStrategy()}) on memory-heavy
 * kernels, in nanoseconds per Wasm memory access (per out-of-bounds trap for {@code trap}):
 *
 * <ul>
 *   <li>{@code sum}: a loop of one {@code i32.load} per iteration over 256 KiB.
 *   <li>{@code sum4}: the same bytes, unrolled to four loads (offsets 0, 4, 8, 12) per iteration:
 *       more accesses per loop branch, so the checks weigh more.
 *   <li>{@code copy}: one load and one store (offset 512 KiB) per iteration over 256 KiB.
 *   <li>{@code trap}: one call whose load is out of bounds: the explicit check's branch to the
 *       trap stub against SIGSEGV, the handler and sigreturn.
 * </ul>
 *
 * The module is embedded as bytes, made with {@code wat2wasm} from this text:
 * <pre>
 * (module
 *   (memory (export "memory") 16)
 *   (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *       (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $i))))
 *       (local.set $i (i32.add (local.get $i) (i32.const 4)))
 *       (br $next)))
 *     (local.get $acc))
 *   (func (export "sum4") (param $n i32) (result i32) (local $i i32) (local $acc i32)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *       (local.set $acc (i32.add (local.get $acc)
 *         (i32.add (i32.add (i32.load (local.get $i)) (i32.load offset=4 (local.get $i)))
 *                  (i32.add (i32.load offset=8 (local.get $i)) (i32.load offset=12 (local.get $i))))))
 *       (local.set $i (i32.add (local.get $i) (i32.const 16)))
 *       (br $next)))
 *     (local.get $acc))
 *   (func (export "copy") (param $n i32) (local $i i32)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *       (i32.store offset=524288 (local.get $i) (i32.load (local.get $i)))
 *       (local.set $i (i32.add (local.get $i) (i32.const 4)))
 *       (br $next))))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class MemoryStrategyBenchmark {

    static final int BYTES = 256 * 1024;
    static final int WORDS = BYTES / 4;

    private static final String KERNELS =
            "0061736d01000000010a0260017f017f60017f00030504000001000503010010072505066d656d6f727902000373756d0000"
            + "0473756d34000104636f70790002046c6f616400030a9001042601027f02400340200120004f0d01200220012802006a2102"
            + "200141046a21010c000b0b20020b3801027f02400340200120004f0d012002200128020020012802046a2001280208200128"
            + "020c6a6a6a2102200141106a21010c000b0b20020b2601017f02400340200120004f0d012001200128020036028080202001"
            + "41046a21010c000b0b0b070020002802000b";

    @Param({"EXPLICIT_CHECKS", "GUARD_PAGES"})
    public MemoryStrategy strategy;

    private Store store;
    private Func sum;
    private Func sum4;
    private Func copy;
    private Func load;
    /** Read from a field so the JIT cannot treat the argument as a constant. */
    private long bytes = BYTES;
    private long outOfBounds = 16 * 65536;

    @Setup
    public void setUp() {
        Engine engine = Engine.create(Config.builder().memoryStrategy(strategy).build());
        store = Store.create(engine);
        Instance instance = new Linker().instantiate(store, engine.compile(HexFormat.of().parseHex(KERNELS)));
        sum = instance.func("sum").orElseThrow();
        sum4 = instance.func("sum4").orElseThrow();
        copy = instance.func("copy").orElseThrow();
        load = instance.func("load").orElseThrow();
        Memory memory = instance.memory("memory").orElseThrow();
        for (int i = 0; i < WORDS; i++) {
            memory.segment().set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 4L * i, i);
        }
        int expected = (int) ((long) WORDS * (WORDS - 1) / 2);
        check(sum.callI32(BYTES) == expected, "sum");
        check(sum4.callI32(BYTES) == expected, "sum4");
        copy.call(BYTES);
        check(memory.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 524288 + 400) == 100, "copy");
    }

    @TearDown
    public void tearDown() {
        store.close();
    }

    @Benchmark
    @OperationsPerInvocation(WORDS)
    public int sum() {
        return sum.callI32(bytes);
    }

    @Benchmark
    @OperationsPerInvocation(WORDS)
    public int sum4() {
        return sum4.callI32(bytes);
    }

    @Benchmark
    @OperationsPerInvocation(2 * WORDS)
    public long[] copy() {
        return copy.call(bytes);
    }

    @Benchmark
    public Object trap() {
        try {
            return load.call(outOfBounds);
        } catch (WasmTrap trap) {
            return trap;
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what + " returned a wrong result");
        }
    }
}
