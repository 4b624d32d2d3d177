package dev.windlass.cli;

import dev.windlass.sandbox.Linker;
import dev.windlass.winch.wasm.FuncType;
import java.util.OptionalLong;

/**
 * The {@code bench} host module of the Sightglass benchmarks and of the peer harness
 * ({@code shared/bench/README.md}, "Runner contract"): {@code bench.start} and {@code bench.end},
 * both {@code [] -> []}, record {@link System#nanoTime()}; the measured run is end minus start.
 *
 * <pre>{@code
 * BenchHost bench = new BenchHost();
 * Linker linker = bench.define(new WasiPreview1(wasi).define(new Linker()));
 * WasiCommand.run(linker, store, module);
 * OptionalLong nanos = bench.runNanos();   // empty unless the guest called both
 * }</pre>
 *
 * One {@code BenchHost} serves one run: a second call of either function replaces the first's
 * timestamp.
 */
public final class BenchHost {

    /** The import module name the benchmarks use. */
    public static final String MODULE = "bench";

    private volatile long start;
    private volatile long end;
    private volatile boolean started;
    private volatile boolean ended;

    /** Defines {@code bench.start} and {@code bench.end} on {@code linker}; {@return the linker} */
    public Linker define(Linker linker) {
        return linker
                .define(MODULE, "start", FuncType.EMPTY, call -> {
                    start = System.nanoTime();
                    started = true;
                })
                .define(MODULE, "end", FuncType.EMPTY, call -> {
                    end = System.nanoTime();
                    ended = true;
                });
    }

    /**
     * {@return the nanoseconds from {@code bench.start} to {@code bench.end}}, or empty if the
     * guest did not call both, or called {@code end} before {@code start}
     */
    public OptionalLong runNanos() {
        if (!started || !ended || end - start < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(end - start);
    }
}
