package dev.windlass.benchmarks;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Store;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The cost of fuel metering and epoch checks (issue 6's targets: fuel at most 25%, epochs at
 * most 10%, off 0%), in microseconds per kernel run, for each {@code metering} mode:
 * {@code off} (no metering instructions at all), {@code fuel} ({@code Config.consumeFuel}, the
 * store given {@code Long.MAX_VALUE} units) and {@code epochs} ({@code Config.epochInterruption},
 * no deadline, so every check runs and passes).
 *
 * <ul>
 *   <li>{@code checksum}: a loop of 16,384 iterations over 64 KiB of memory ({@code acc = acc * 31
 *       + load(i)}): a tight loop, the worst case for a per-iteration charge and check.
 *   <li>{@code fib}: recursive {@code fib(25)}, 242,785 calls: charges before calls and returns,
 *       epoch checks at every function entry.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class MeteringBenchmark {

    /*
     * (module
     *   (memory (export "memory") 1)
     *   (func (export "checksum") (param $rounds i32) (result i32) (local $i i32) (local $acc i32)
     *     block $done
     *       loop $round
     *         local.get $rounds  i32.eqz  br_if $done
     *         i32.const 0  local.set $i
     *         loop $word
     *           local.get $acc  i32.const 31  i32.mul  local.get $i  i32.load  i32.add  local.set $acc
     *           local.get $i  i32.const 4  i32.add  local.tee $i  i32.const 65536  i32.lt_u  br_if $word
     *         end
     *         local.get $rounds  i32.const 1  i32.sub  local.set $rounds
     *         br $round
     *       end
     *     end
     *     local.get $acc)
     *   (func $fib (export "fib") (param $n i32) (result i32)
     *     local.get $n  i32.const 2  i32.lt_u
     *     if (result i32) local.get $n
     *     else local.get $n i32.const 1 i32.sub call $fib  local.get $n i32.const 2 i32.sub call $fib  i32.add
     *     end))
     */
    private static final String KERNELS =
            "0061736d0100000001060160017f017f03030200000503010001071b03066d656d6f7279020008636865636b73756d000003"
            + "66696200010a5b023c01027f024003402000450d014100210103402002411f6c20012802006a2102200141046a2201418080"
            + "04490d000b200041016b21000c000b0b20020b1c002000410249047f200005200041016b1001200041026b10016a0b0b";

    static final int FIB_ARGUMENT = 25;

    @Param({"off", "fuel", "epochs"})
    public String metering;

    private Engine engine;
    private Store store;
    private Func checksum;
    private Func fib;

    @Setup
    public void setUp() {
        Config.Builder config = Config.builder();
        switch (metering) {
            case "off" -> { }
            case "fuel" -> config.consumeFuel(true);
            case "epochs" -> config.epochInterruption(true);
            default -> throw new IllegalArgumentException("metering: " + metering);
        }
        engine = Engine.create(config.build());
        store = Store.create(engine);
        if (metering.equals("fuel")) {
            store.setFuel(Long.MAX_VALUE);
        }
        Instance instance = new Linker().instantiate(store, engine.compile(HexFormat.of().parseHex(KERNELS)));
        Memory memory = instance.memory("memory").orElseThrow();
        for (int i = 0; i < 65536 / 4; i++) {
            memory.segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, i * 0x9E3779B9);
        }
        checksum = instance.func("checksum").orElseThrow();
        fib = instance.func("fib").orElseThrow();
    }

    @TearDown
    public void tearDown() {
        store.close();
        engine.close();
    }

    @Benchmark
    public int checksum() {
        return checksum.callI32(1);
    }

    @Benchmark
    public int fib() {
        return fib.callI32(FIB_ARGUMENT);
    }
}
