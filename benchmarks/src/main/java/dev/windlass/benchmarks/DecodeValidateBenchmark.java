package dev.windlass.benchmarks;

import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The front end's speed on real programs: decode and validate (every function body included)
 * the largest module of a sightglass benchmark, with {@link WasmFeatures#defaults()}.
 *
 * <p>The primary score is modules per second; the secondary {@code megabytes} counter is the
 * same work in MB/s (10^6 bytes of module per second), which compares across modules.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -Dwindlass.shared=/path/to/shared -jar benchmarks/target/benchmarks.jar DecodeValidateBenchmark -f 1
 * }</pre>
 *
 * <p>The shared test data is found through {@code -Dwindlass.shared}, else {@code ../shared} or
 * {@code ../../shared} from the working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
public class DecodeValidateBenchmark {

    /** A sightglass benchmark folder; its largest {@code .wasm} is the module measured. */
    @Param({"gcc-loops", "tinygo-json", "rust-compression", "hashset", "regex", "sqlite3"})
    public String benchmark;

    private byte[] bytes;

    /** Bytes decoded, reported by JMH as a rate: MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path folder = SharedData.folder().resolve("bench/sightglass").resolve(benchmark);
        Path module;
        try (Stream<Path> files = Files.list(folder)) {
            module = files.filter(p -> p.toString().endsWith(".wasm"))
                    .max(Comparator.comparingLong(DecodeValidateBenchmark::size))
                    .orElseThrow(() -> new IllegalStateException("no .wasm file in " + folder));
        }
        bytes = Files.readAllBytes(module);
        ModuleValidator.validate(ModuleDecoder.decode(bytes, WasmFeatures.defaults())); // fail fast, not mid-measurement
        System.out.printf("%n%s: %s, %,d bytes%n", benchmark, module.getFileName(), bytes.length);
    }

    @Benchmark
    public WasmModule decodeAndValidate(Throughput throughput) {
        WasmModule module = ModuleDecoder.decode(bytes, WasmFeatures.defaults());
        ModuleValidator.validate(module);
        throughput.megabytes += bytes.length / 1e6;
        return module;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
