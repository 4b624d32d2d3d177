package dev.windlass.benchmarks;

import dev.windlass.plugin.InstancePolicy;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginRegistry;
import dev.windlass.plugin.WasmExport;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Store;
import java.util.HexFormat;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plugin layer's cost (issue 16's figures), in sample mode for p50 and p99, ns per call,
 * one thread, all on the registry's own engine (fuel and epochs compiled in, as for plugins):
 *
 * <ul>
 *   <li>{@code rawFuncCall}: {@link Func#callI32} of an {@code (i32) -> (i32)} export, the floor;
 *       {@code boundIntShared} / {@code boundIntPooled}: the same export through a bound
 *       {@code @WasmPlugin} interface (proxy, slot, version entry, the policy's instance, fuel
 *       refill, events). Their difference is the binding overhead (goal: at most 50 ns).
 *   <li>{@code echo1KiBShared}: a 1 KiB {@code String} echoed under {@code SHARED} through the
 *       Windlass ABI: encode, {@code cabi_realloc}, copy in, the export, read the pair, copy out,
 *       decode, {@code cabi_post_echo} (goal: at most 1 µs).
 *   <li>{@code echo1KiBExtism}: the same 1 KiB through Extism's ABI under {@code SHARED}: the
 *       kernel emptied, the input put in a block, the export ({@code output_set(input_offset,
 *       input_length)}: no guest copy), the output read back.
 *   <li>{@code perCall1KiB}: a whole {@code PER_CALL} call with the 1 KiB string: a new store and
 *       instance from the {@code InstancePre}, the echo, close (goal: at most 10 µs).
 * </ul>
 *
 * <p>The guests are embedded as bytes (made with {@code wat2wasm} from the text beside each).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PluginBenchmark {

    /*
     * (module
     *   (memory (export "memory") 1)
     *   (global $next (mut i32) (i32.const 1024))
     *   (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
     *     (local $p i32)
     *     (local.set $p (global.get $next))
     *     (global.set $next (i32.add (local.get $p) (local.get 3)))
     *     (local.get $p))
     *   (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
     *     (i32.store (i32.const 0) (local.get $ptr))
     *     (i32.store (i32.const 4) (local.get $len))
     *     (i32.const 0))
     *   (func (export "cabi_post_echo") (param i32) (global.set $next (i32.const 1024)))
     *   (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
     */
    private static final String WINDLASS_ECHO = "0061736d0100000001180460047f7f7f7f017f60027f7f017f60017f0060017f017f03"
            + "05040001020305030100010607017f014180080b073705066d656d6f727902000c636162695f7265616c6c6f630000046563"
            + "686f00010e636162695f706f73745f6563686f000203696e6300030a36041101017f23002104200420036a240020040b1200"
            + "410020003602004104200136020041000b070041800824000b0700200041016a0b";

    /*
     * (module
     *   (import "extism:host/env" "input_offset" (func $input_offset (result i64)))
     *   (import "extism:host/env" "input_length" (func $input_length (result i64)))
     *   (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
     *   (func (export "echo") (result i32)
     *     (call $output_set (call $input_offset) (call $input_length))
     *     (i32.const 0)))
     */
    private static final String EXTISM_ECHO = "0061736d01000000010e036000017e60027e7e006000017f025c030f65787469736d3a"
            + "686f73742f656e760c696e7075745f6f666673657400000f65787469736d3a686f73742f656e760c696e7075745f6c656e67"
            + "746800000f65787469736d3a686f73742f656e760a6f75747075745f736574000103020102070801046563686f00030a0c01"
            + "0a0010001001100241000b";

    /** The Windlass ABI guest. */
    public interface Echo {
        String echo(String text);

        int inc(int x);
    }

    /** The Extism guest. */
    public interface ExtismEcho {
        @WasmExport("echo")
        String echo(String text);
    }

    private PluginRegistry registry;
    private Store store;
    private Func inc;
    private Echo shared;
    private Echo pooled;
    private Echo perCall;
    private ExtismEcho extism;
    private String kib;
    private int counter;

    @Setup
    public void setUp() {
        byte[] windlass = HexFormat.of().parseHex(WINDLASS_ECHO);
        byte[] extismBytes = HexFormat.of().parseHex(EXTISM_ECHO);
        registry = PluginRegistry.create();
        registry.load("shared", windlass, PluginOptions.builder().policy(InstancePolicy.SHARED).build());
        registry.load("pooled", windlass, PluginOptions.builder().policy(InstancePolicy.POOLED).build());
        registry.load("per-call", windlass, PluginOptions.builder().policy(InstancePolicy.PER_CALL).build());
        registry.load("extism", extismBytes, PluginOptions.builder().policy(InstancePolicy.SHARED).build());
        shared = registry.plugin("shared", Echo.class);
        pooled = registry.plugin("pooled", Echo.class);
        perCall = registry.plugin("per-call", Echo.class);
        extism = registry.plugin("extism", ExtismEcho.class);
        store = Store.create(registry.engine());
        store.setFuel(Long.MAX_VALUE); // the registry's engine meters fuel: a store starts with none
        inc = new Linker().instantiate(store, registry.engine().compile(windlass)).func("inc").orElseThrow();
        kib = "windlass".repeat(128);
        if (!shared.echo(kib).equals(kib) || !extism.echo(kib).equals(kib) || !perCall.echo(kib).equals(kib)
                || shared.inc(41) != 42) {
            throw new IllegalStateException("the guests do not echo");
        }
    }

    @TearDown
    public void tearDown() {
        store.close();
        registry.close();
    }

    @Benchmark
    public int rawFuncCall() {
        return inc.callI32(counter++);
    }

    @Benchmark
    public int boundIntShared() {
        return shared.inc(counter++);
    }

    @Benchmark
    public int boundIntPooled() {
        return pooled.inc(counter++);
    }

    @Benchmark
    public String echo1KiBShared() {
        return shared.echo(kib);
    }

    @Benchmark
    public String echo1KiBExtism() {
        return extism.echo(kib);
    }

    @Benchmark
    public String perCall1KiB() {
        return perCall.echo(kib);
    }
}
