package dev.windlass.benchmarks;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Whole programs under both memory strategies: one run of {@code _start} of a Sightglass
 * shootout workload or one of our C kernels ({@code shared/bench}), in a fresh store each time
 * (so the figure includes instantiation: reserving, for guard pages, 8 GiB). The few WASI calls
 * they make are stubbed here (output is counted and dropped; wasi-host does not exist yet);
 * {@code proc_exit} ends the run through a host exception.
 *
 * <pre>
 * java -Dwindlass.shared=/path/to/shared -jar benchmarks/target/benchmarks.jar WorkloadMemoryStrategyBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class WorkloadMemoryStrategyBenchmark {

    @Param({"sightglass/shootout-heapsort", "sightglass/shootout-sieve", "sightglass/shootout-matrix",
            "sightglass/shootout-memmove", "sightglass/shootout-keccak", "kernels/wasm/sieve", "kernels/wasm/sorthash"})
    public String workload;

    @Param({"EXPLICIT_CHECKS", "GUARD_PAGES"})
    public MemoryStrategy strategy;

    private Engine engine;
    private Module module;

    /** Thrown by the proc_exit stub to end a run. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }
    }

    @Setup
    public void setUp() {
        engine = Engine.create(Config.builder().memoryStrategy(strategy).build());
        Path folder = DecodeValidateBenchmarkShared.folder().resolve("bench").resolve(workload);
        Path file;
        try (var files = Files.list(folder)) {
            file = files.filter(p -> p.toString().endsWith(".wasm")).findFirst().orElseThrow();
            module = engine.compile(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long written = run();
        Path expected = Path.of(file.toString().replace(".wasm", ".stdout.expected"));
        try {
            if (Files.exists(expected) && Files.size(expected) != written) {
                throw new IllegalStateException(workload + " printed " + written + " bytes, expected "
                        + Files.size(expected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public long start() {
        return run();
    }

    /** {@return the bytes the program wrote} */
    private long run() {
        Memory[] memory = new Memory[1];
        long[] written = new long[1];
        FuncType none = new FuncType(List.of(), List.of());
        FuncType i32 = new FuncType(List.of(ValType.I32), List.of());
        Linker linker = new Linker()
                .define("bench", "start", none, call -> { })
                .define("bench", "end", none, call -> { })
                .define("wasi_snapshot_preview1", "fd_close", new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                        call -> call.setI32(0, 0))
                .define("wasi_snapshot_preview1", "fd_fdstat_get",
                        new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)), call -> {
                            MemorySegment m = memory[0].segment();
                            m.asSlice(Integer.toUnsignedLong(call.i32(1)), 24).fill((byte) 0);
                            m.set(ValueLayout.JAVA_BYTE, Integer.toUnsignedLong(call.i32(1)), (byte) 2); // character device
                            call.setI32(0, 0);
                        })
                .define("wasi_snapshot_preview1", "fd_seek",
                        new FuncType(List.of(ValType.I32, ValType.I64, ValType.I32, ValType.I32), List.of(ValType.I32)),
                        call -> call.setI32(0, 70)) // ESPIPE
                .define("wasi_snapshot_preview1", "fd_write",
                        new FuncType(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                        call -> {
                            MemorySegment m = memory[0].segment();
                            long iovs = Integer.toUnsignedLong(call.i32(1));
                            int total = 0;
                            for (int i = 0; i < call.i32(2); i++) {
                                total += m.get(ValueLayout.JAVA_INT_UNALIGNED, iovs + 8L * i + 4);
                            }
                            m.set(ValueLayout.JAVA_INT_UNALIGNED, Integer.toUnsignedLong(call.i32(3)), total);
                            written[0] += total;
                            call.setI32(0, 0);
                        })
                .define("wasi_snapshot_preview1", "proc_exit", i32, call -> {
                    throw new Exit(call.i32(0));
                });
        try (Store store = Store.create(engine)) {
            Instance instance = linker.instantiate(store, module);
            memory[0] = instance.memory("memory").orElseThrow();
            try {
                instance.func("_start").orElseThrow().call();
            } catch (WasmTrap trap) {
                if (!(trap.getCause() instanceof Exit exit) || exit.code != 0) {
                    throw trap;
                }
            }
        }
        return written[0];
    }

    /** Where the shared data is, as {@link DecodeValidateBenchmark} finds it. */
    static final class DecodeValidateBenchmarkShared {
        static Path folder() {
            List<Path> candidates = new ArrayList<>();
            String property = System.getProperty("windlass.shared");
            if (property != null && !property.isBlank()) {
                candidates.add(Path.of(property));
            }
            candidates.add(Path.of("..", "shared"));
            candidates.add(Path.of("..", "..", "shared"));
            return candidates.stream().filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("shared test data not found (tried " + candidates
                            + "); pass -Dwindlass.shared=/path/to/shared"));
        }
    }
}
