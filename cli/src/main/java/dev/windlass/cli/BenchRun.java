package dev.windlass.cli;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiCommand;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiPreview1;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code windlass run --bench FILE.wasm}: one run of the peer harness's runner contract
 * ({@code shared/bench/README.md}), timed phase by phase with {@link System#nanoTime()}:
 *
 * <pre>
 *   read      Files.readAllBytes
 *   compile   bytes -> executable Module (decode, validate, compile on all cores, map the code);
 *             the engine (a Config and its threads) is made before, as the contract asks
 *   (WASI host, bench host and --preloads are set up here, untimed)
 *   instantiate   Linker.instantiate: imports, memories, tables, globals, segments, start function
 *   main      _initialize (if any) + _start, unless BENCH_COMPILE_ONLY; run = bench.start..bench.end
 *   warm      BENCH_COMPILE_REPEAT more compilations of the same bytes (the engine's compile
 *             cache is off in bench mode), the fastest reported
 * </pre>
 *
 * The guest gets argv = [the file's name] (then any arguments after the file), only the
 * {@code --env} variables, the module's directory preopened as {@code "."} (plus any
 * {@code --dir}), stdout to {@code --bench-stdout} (default {@code $BENCH_STDOUT}) or else our
 * stderr, stderr to our stderr. Our stdout gets exactly one JSON line ({@link BenchResult}); a
 * failure prints {@code {"runner", "wasm", "error"}} there, the details on stderr, and exits
 * non-zero (134 after a trap, 1 otherwise). The exit status is otherwise the guest's, as for
 * {@code windlass run}.
 */
final class BenchRun {

    /** The column name in the harness's table. */
    static final String RUNNER = "windlass";

    private final RunCommand command;
    private final Engine engine;
    private final Path wasm;
    private final List<String> args;
    private final Path guestStdout;
    private final int compileRepeat;
    private final boolean compileOnly;

    BenchRun(RunCommand command, Engine engine, Path file, List<String> args, Path guestStdout, int compileRepeat,
             boolean compileOnly) {
        this.command = command;
        this.args = List.copyOf(args);
        this.engine = engine;
        this.wasm = file.toAbsolutePath().normalize();
        this.guestStdout = guestStdout == null || guestStdout.toString().isEmpty() ? null : guestStdout;
        this.compileRepeat = compileRepeat;
        this.compileOnly = compileOnly;
    }

    /** Runs the module; prints the JSON line on {@code out}; {@return the exit status} */
    int run(PrintWriter out, PrintWriter err) {
        String label = wasm.toString();
        try {
            long t0 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(wasm);
            long t1 = System.nanoTime();
            Module module = RunCommand.load(engine, bytes, label);
            long t2 = System.nanoTime();

            BenchHost bench = new BenchHost();
            long t3;
            long t4;
            Long t5 = null;
            int exitCode = 0;
            try (OutputStream stdout = guestStdout != null ? Files.newOutputStream(guestStdout)
                         : new WriterOutputStream(err);
                 WasiPreview1 wasiHost = wasiHost(stdout, err);
                 Store store = Store.create(engine, command.storeLimits())) {
                Linker linker = bench.define(wasiHost.define(new Linker()));
                command.prepare(engine, linker, store);
                t3 = System.nanoTime();
                Instance instance;
                try {
                    instance = RunCommand.link(linker, store, module, label);
                } catch (WasmTrap trap) {
                    instance = null;
                    exitCode = WasiCommand.exitStatus(trap); // a start function may exit too
                }
                t4 = System.nanoTime();
                if (instance != null && !compileOnly) {
                    Func start = instance.func("_start").orElseThrow(() -> new RunCommand.Failed(
                            RunCommand.ERROR_STATUS, label + ": the module exports no _start function"));
                    try {
                        RunCommand.initialize(instance);
                        start.call();
                    } catch (WasmTrap trap) {
                        exitCode = WasiCommand.exitStatus(trap);
                    }
                    t5 = System.nanoTime();
                }
            }
            Double warm = compileRepeat > 0 ? BenchResult.millis(warmCompile(bytes)) : null;
            OptionalLong run = bench.runNanos();
            BenchResult result = new BenchResult(RUNNER, label, BenchResult.millis(t1 - t0),
                    BenchResult.millis(t2 - t1), BenchResult.millis(t4 - t3),
                    run.isPresent() ? BenchResult.millis(run.getAsLong()) : null,
                    t5 != null ? BenchResult.millis(t5 - t4) : null, exitCode, warm, compileRepeat, engineText());
            out.println(result.toJson());
            return exitCode;
        } catch (RunCommand.Failed failed) {
            return fail(out, err, failed.getMessage(), failed.status);
        } catch (WasmTrap trap) {
            err.println(label + ": " + trap.getMessage()); // with the Wasm backtrace
            out.println(BenchResult.errorJson(RUNNER, label, firstLine(trap.getMessage())));
            return RunCommand.TRAP_STATUS;
        } catch (IOException e) {
            return fail(out, err, label + ": " + e, RunCommand.ERROR_STATUS);
        } catch (RuntimeException e) {
            if (ModuleLoading.isModuleError(e)) {
                return fail(out, err, ModuleLoading.describe(label, e), RunCommand.ERROR_STATUS);
            }
            throw e;
        }
    }

    /**
     * {@return the WASI host: the module's directory as {@code "."} (where the workloads find
     * their inputs), plus the command's options}
     */
    private WasiPreview1 wasiHost(OutputStream stdout, PrintWriter err) {
        return command.wasiHost(guest(stdout, err).preopen(wasm.getParent(), "."));
    }

    /** {@return the guest's arguments (the file's name, then any after it) and streams} */
    private WasiConfig.Builder guest(OutputStream stdout, PrintWriter err) {
        List<String> argv = new ArrayList<>();
        argv.add(wasm.getFileName().toString());
        argv.addAll(args);
        return WasiConfig.builder().args(argv).stdin(System.in).stdout(stdout).stderr(new WriterOutputStream(err));
    }

    /** {@return the fastest of {@code compileRepeat} compilations of {@code bytes}, in nanoseconds} */
    private long warmCompile(byte[] bytes) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < compileRepeat; i++) {
            long start = System.nanoTime();
            ModuleLoading.load(engine, bytes);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private String engineText() {
        String version = new WindlassCommand.Version().getVersion()[0];
        return version + " on java " + System.getProperty("java.version") + " (" + engine.config().memoryStrategy()
                .name().toLowerCase(java.util.Locale.ROOT) + ", " + engine.config().compilerThreads()
                + " compiler threads" + (engine.config().spectreMitigations() ? "" : ", no spectre mitigations")
                + command.settings() + ")";
    }

    /** Prints {@code message} on stderr and in the JSON line; {@return {@code status}} */
    private int fail(PrintWriter out, PrintWriter err, String message, int status) {
        err.println(message);
        out.println(BenchResult.errorJson(RUNNER, wasm.toString(), message));
        return status;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
