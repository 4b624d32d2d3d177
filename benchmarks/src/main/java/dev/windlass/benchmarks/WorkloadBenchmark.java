package dev.windlass.benchmarks;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.MemoryStrategy;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.wasi.WasiCommand;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiPreview1;
import dev.windlass.winch.wasm.FuncType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole programs ({@code shared/bench}: Sightglass shootout workloads and our C kernels), one run
 * of {@code _start} each, in a fresh store with the real WASI host (output kept and checked
 * against the workload's {@code .stdout.expected} once), under each way of running them:
 *
 * <ul>
 *   <li>{@code EXPLICIT} — the defaults: explicit bounds checks, no metering;
 *   <li>{@code GUARD_PAGES} — 8 GiB reservations instead of bounds checks;
 *   <li>{@code FUEL} — fuel metering on, with more fuel than the run needs;
 *   <li>{@code EPOCHS} — epoch checks on, with a deadline never reached.
 * </ul>
 * The ratios to {@code EXPLICIT} are issue 6's overheads (fuel at most 25%, epochs at most 10%).
 *
 * <pre>
 * java -Dwindlass.shared=/path/to/shared -jar benchmarks/target/benchmarks.jar WorkloadBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class WorkloadBenchmark {

    /** How the workload is compiled and run. */
    public enum Setting {
        EXPLICIT, GUARD_PAGES, FUEL, EPOCHS
    }

    @Param({"sightglass/shootout-heapsort", "sightglass/shootout-sieve", "sightglass/shootout-matrix",
            "sightglass/shootout-keccak", "sightglass/shootout-fib2", "sightglass/shootout-ackermann",
            "sightglass/shootout-nestedloop", "kernels/wasm/sieve", "kernels/wasm/sorthash"})
    public String workload;

    @Param({"EXPLICIT", "GUARD_PAGES", "FUEL", "EPOCHS"})
    public Setting setting;

    private Engine engine;
    private Module module;

    @Setup
    public void setUp() throws IOException {
        engine = Engine.create(Config.builder()
                .memoryStrategy(setting == Setting.GUARD_PAGES ? MemoryStrategy.GUARD_PAGES : MemoryStrategy.EXPLICIT_CHECKS)
                .consumeFuel(setting == Setting.FUEL)
                .epochInterruption(setting == Setting.EPOCHS)
                .build());
        Path folder = SharedData.folder().resolve("bench").resolve(workload);
        Path file;
        try (var files = Files.list(folder)) {
            file = files.filter(p -> p.toString().endsWith(".wasm")).findFirst().orElseThrow();
        }
        module = engine.compile(Files.readAllBytes(file));
        byte[] printed = run();
        Path expected = Path.of(file.toString().replace(".wasm", ".stdout.expected"));
        if (Files.exists(expected) && !Arrays.equals(Files.readAllBytes(expected), printed)) {
            throw new IllegalStateException(workload + " printed something else than " + expected.getFileName());
        }
    }

    @Benchmark
    public int start() {
        return run().length;
    }

    /** {@return what one run printed} */
    private byte[] run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig wasi = WasiConfig.builder().args(workload).stdout(out).build();
        Linker linker = new WasiPreview1(wasi).define(new Linker())
                .define("bench", "start", FuncType.EMPTY, call -> { })
                .define("bench", "end", FuncType.EMPTY, call -> { });
        try (Store store = Store.create(engine)) {
            if (setting == Setting.FUEL) {
                store.setFuel(Long.MAX_VALUE);
            } else if (setting == Setting.EPOCHS) {
                store.setEpochDeadline(Long.MAX_VALUE / 2);
            }
            int status = WasiCommand.run(linker, store, module);
            if (status != 0) {
                throw new IllegalStateException(workload + " exited with " + status);
            }
        }
        return out.toByteArray();
    }
}
