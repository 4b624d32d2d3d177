package dev.windlass.benchmarks;

import dev.windlass.nativemem.CodeSegment;
import dev.windlass.nativemem.NativeEntry;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Store;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crossing between Java and Wasm, in nanoseconds per call (issue 4's acceptance
 * figures):
 *
 * <ul>
 *   <li>{@code javaToWasmEmpty}, {@code javaToWasmI32}: one call of an exported function from
 *       Java through {@link Func#call} / {@link Func#callI32}: the store's thread check and stack
 *       limit, the argument slots, the FFM downcall, the entry trampoline. Target: at most 15 ns.
 *       {@code javaToWasmEmptyConfined} makes the call into a store confined to the benchmark
 *       thread, which needs no atomic claim; {@code bareDowncall} is the floor under both: the
 *       FFM downcall alone into {@code xor eax, eax; ret}.
 *   <li>{@code wasmToHostRoundTrip}: Wasm calling an imported Java function ({@code arg + 1}) in a
 *       loop of {@value #HOST_CALLS}, reported per host call: host adapter, FFM upcall stub,
 *       {@code HostFunctions.dispatch}, {@link dev.windlass.sandbox.HostCall}. Target: at most
 *       60 ns.
 *   <li>{@code fibRecursive}: {@code fib(25)}, 242,785 Wasm-to-Wasm calls, per invocation: a feel
 *       for the cost of calls inside compiled code.
 * </ul>
 *
 * <p>The modules are embedded as bytes (made with {@code wat2wasm} from the text beside each), so
 * the benchmark needs no files. The shaded jar runs on the class path, hence native access for
 * ALL-UNNAMED.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CallBenchmark {

    static final int HOST_CALLS = 1000;
    static final int FIB_ARGUMENT = 25;

    /*
     * (module
     *   (func (export "nop"))
     *   (func (export "id") (param i32) (result i32) local.get 0))
     */
    private static final String NOP_AND_ID =
            "0061736d0100000001090260000060017f017f0303020001070c02036e6f70000002696400010a090202000b040020000b";

    /*
     * (module
     *   (import "host" "inc" (func $inc (param i32) (result i32)))
     *   (func (export "loop") (param $n i32) (result i32)
     *     (local $acc i32)
     *     (block $done
     *       (loop $next
     *         (br_if $done (i32.eqz (local.get $n)))
     *         (local.set $acc (call $inc (local.get $acc)))
     *         (local.set $n (i32.sub (local.get $n) (i32.const 1)))
     *         (br $next)))
     *     (local.get $acc)))
     */
    private static final String HOST_LOOP =
            "0061736d0100000001060160017f017f020c0104686f737403696e63000003020100070801046c6f6f7000010a22012001017f"
            + "024003402000450d01200110002101200041016b21000c000b0b20010b";

    /*
     * (module
     *   (func $fib (export "fib") (param $n i32) (result i32)
     *     (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
     *       (then (local.get $n))
     *       (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
     *                      (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
     */
    private static final String FIB =
            "0061736d0100000001060160017f017f030201000707010366696200000a1e011c002000410249047f200005200041016b1000"
            + "200041026b10006a0b0b";

    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    private Store store;
    private Store confinedStore;
    private Func confinedNop;
    private CodeSegment returnZero;
    private MemorySegment returnZeroEntry;
    private Func nop;
    private Func id;
    private Func hostLoop;
    private Func fib;

    /** Read from a field so the JIT cannot treat the argument as a constant. */
    private long argument = 42;

    @Setup
    public void setUp() {
        returnZero = CodeSegment.load(new byte[] {0x31, (byte) 0xC0, (byte) 0xC3}); // xor eax, eax; ret
        returnZeroEntry = returnZero.entryPoint(0);
        Engine engine = Engine.create();
        store = Store.create(engine);
        Linker linker = new Linker()
                .define("host", "inc", I32_TO_I32, call -> call.setI32(0, call.i32(0) + 1));
        Instance calls = linker.instantiate(store, engine.compile(bytes(NOP_AND_ID)));
        Instance host = linker.instantiate(store, engine.compile(bytes(HOST_LOOP)));
        Instance recursive = linker.instantiate(store, engine.compile(bytes(FIB)));
        nop = calls.func("nop").orElseThrow();
        // JMH runs a Scope.Thread state's setup on the thread that measures it: the store is that thread's.
        confinedStore = Store.createConfined(engine);
        confinedNop = new Linker().instantiate(confinedStore, engine.compile(bytes(NOP_AND_ID))).func("nop").orElseThrow();
        id = calls.func("id").orElseThrow();
        hostLoop = host.func("loop").orElseThrow();
        fib = recursive.func("fib").orElseThrow();
        check(hostLoop.callI32(HOST_CALLS) == HOST_CALLS, "host loop");
        check(fib.callI32(FIB_ARGUMENT) == 75025, "fib(25)");
        check(id.callI32(argument) == 42, "id");
    }

    @TearDown
    public void tearDown() {
        store.close();
        confinedStore.close();
        returnZero.close();
    }

    /** The floor under {@code javaToWasmEmpty}: the FFM downcall alone, into {@code xor eax, eax; ret}. */
    @Benchmark
    public int bareDowncall() {
        return NativeEntry.call(returnZeroEntry, 0, 0, argument);
    }

    @Benchmark
    public long[] javaToWasmEmpty() {
        return nop.call();
    }

    /** The same call into a {@linkplain Store#createConfined confined} store: no atomic claim. */
    @Benchmark
    public long[] javaToWasmEmptyConfined() {
        return confinedNop.call();
    }

    @Benchmark
    public int javaToWasmI32() {
        return id.callI32(argument);
    }

    @Benchmark
    @OperationsPerInvocation(HOST_CALLS)
    public int wasmToHostRoundTrip() {
        return hostLoop.callI32(HOST_CALLS);
    }

    @Benchmark
    public int fibRecursive() {
        return fib.callI32(FIB_ARGUMENT);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what + " returned a wrong result");
        }
    }
}
