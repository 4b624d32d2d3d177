package dev.windlass.cli;

import dev.windlass.cli.RunOptions.Directory;
import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.ResourceLimitException;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.StoreLimits;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiExit;
import dev.windlass.wasi.WasiPreview1;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass run [OPTIONS] [--] FILE.wasm [ARGS...]}: runs a module as {@code wasmtime run}
 * does. It is instantiated with WASI preview1 (the arguments after the file, {@code --env}
 * variables only, {@code --dir} directories only, the terminal's stdio) and the exports of the
 * {@code --preload}ed modules, under {@code --fuel} and {@code --timeout}; a reactor's
 * {@code _initialize} runs first. Then:
 * <ul>
 *   <li>with {@code --invoke NAME}, the export is called with ARGS parsed by its parameter types,
 *       and each result is printed on its own line ({@link InvokeValues});</li>
 *   <li>otherwise a command's {@code _start} runs, and its {@code proc_exit} code is the status;
 *       a module without {@code _start} only initializes.</li>
 * </ul>
 * A trap prints its message and Wasm backtrace to stderr and exits with 134; a module that cannot
 * be read, compiled or linked prints why and exits with 1; a usage error exits with 2.
 * {@code --bench} runs the module as a runner of the peer harness instead ({@link BenchRun}).
 *
 * <p>Without a file it runs the demo plugin embedded in the jar, whose {@code main(20)} reports
 * Fibonacci numbers through the {@code host.log} import and returns the Collatz steps of 27.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        modelTransformer = RunOptions.StopAtModule.class,
        description = {
            "Compiles a WebAssembly module to machine code and runs it, like `wasmtime run`: a WASI "
                    + "command's _start, or the export named by --invoke (default: the embedded demo's main).",
            "Everything after FILE goes to the guest. Exit status: the guest's, 134 after a trap, "
                    + "1 if the module cannot be loaded or linked, 2 for a usage error."})
public final class RunCommand implements Callable<Integer> {

    /** What {@code wasmtime run} exits with after a trap (128 + SIGABRT). */
    static final int TRAP_STATUS = 134;

    /** The status when a module cannot be read, compiled or linked. */
    static final int ERROR_STATUS = 1;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]", converter = RunOptions.ReadWriteDirectory.class,
            description = "Gives the guest the host directory HOST as GUEST (default: HOST as written), "
                    + "to read and write. Repeatable.")
    private List<Directory> dirs = new ArrayList<>();

    @Option(names = "--dir-readonly", paramLabel = "HOST[::GUEST]", converter = RunOptions.ReadOnlyDirectory.class,
            description = "As --dir, but the guest may only read (no create, write, rename, delete). Repeatable.")
    private List<Directory> readOnlyDirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "An environment variable for the WASI guest (it inherits none). Repeatable.")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--fuel", paramLabel = "N",
            description = "Meters the code with N units of fuel (about one per operator); running out traps.")
    private Long fuel;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunOptions.DurationConverter.class,
            description = "Stops compiling each module, and interrupts each call into it (_initialize, "
                    + "_start, --invoke), after DURATION of wall-clock time (500ms, 2s, 1m; a bare number is "
                    + "seconds); a call traps, a compilation fails with status 1.")
    private Duration timeout;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = RunOptions.SizeConverter.class,
            description = "The most bytes of linear memory, all memories together (default: 1G; "
                    + "suffixes K, M, G, T are binary). A memory.grow past it returns -1.")
    private Long maxMemory;

    @Option(names = "--max-table-elements", paramLabel = "N",
            description = "The most table elements, all tables together (default: 1000000). "
                    + "A table.grow past it returns -1.")
    private Long maxTableElements;

    @Option(names = "--max-instances", paramLabel = "N",
            description = "The most instances, preloads included (default: 10000).")
    private Integer maxInstances;

    @Option(names = "--max-tables", paramLabel = "N", description = "The most tables (default: 100).")
    private Integer maxTables;

    @Option(names = "--max-memories", paramLabel = "N", description = "The most linear memories (default: 100).")
    private Integer maxMemories;

    @Option(names = "--preload", paramLabel = "NAME=FILE.wasm",
            description = "Instantiates FILE.wasm first (with WASI too; its _initialize runs) and lets "
                    + "the module import its exports from module NAME. Repeatable, in order.")
    private Map<String, Path> preloads = new LinkedHashMap<>();

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "Calls the export NAME with ARGS (i32, i64, f32, f64) and prints its results, "
                    + "one per line, instead of running _start.")
    private String invoke;

    @Option(names = "--bench",
            description = "Runs FILE as a runner of the peer benchmark harness (shared/bench/README.md): "
                    + "provides bench.start and bench.end, preopens FILE's directory as '.', passes "
                    + "argv = [FILE's name], sends guest stdout to --bench-stdout (else stderr), and "
                    + "prints one JSON line of phase times on stdout.")
    private boolean bench;

    @Option(names = "--bench-stdout", paramLabel = "FILE", defaultValue = "${env:BENCH_STDOUT}",
            description = "With --bench: where guest stdout goes (default: $BENCH_STDOUT, else stderr).")
    private Path benchStdout;

    @Option(names = "--bench-compile-repeat", paramLabel = "N", defaultValue = "${env:BENCH_COMPILE_REPEAT:-0}",
            description = "With --bench: compile the module N more times after the run and report the "
                    + "fastest as compile_warm_ms (default: $BENCH_COMPILE_REPEAT, else 0).")
    private int benchCompileRepeat;

    @Option(names = "--bench-compile-only",
            description = "With --bench: compile and instantiate, do not call _start (also when "
                    + "BENCH_COMPILE_ONLY=1).")
    private boolean benchCompileOnly;

    @Parameters(paramLabel = "[FILE.wasm] [ARGS...]",
            description = "The module (.wasm, or .cwasm from `windlass compile`; default: the embedded "
                    + "demo) and the guest's arguments, or the export's with --invoke.")
    private List<String> positional = new ArrayList<>();

    @CommandLine.Mixin
    private FeaturesOption features;

    @CommandLine.Mixin
    private CodegenOption codegen;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The module to run: a file, or the embedded demo ({@code file == null}). */
    private record Program(String label, Path file, List<String> args) {
        boolean demo() {
            return file == null;
        }
    }

    /** Unwinds a run that failed, with the status to exit with and why (not printed yet). */
    static final class Failed extends RuntimeException {
        final int status;

        Failed(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        Program program = program();
        checkOptions(program);
        Config.Builder config = codegen.applyTo(ModuleLoading.config(features, commandLine))
                .consumeFuel(fuel != null)
                .epochInterruption(timeout != null)
                .compileTimeout(timeout);
        if (maxTableElements != null && maxTableElements > Config.defaults().maxTableElements()) {
            config.maxTableElements(Math.min(maxTableElements, 0xFFFF_FFFFL)); // the engine's cap per table follows
        }
        if (bench) {
            config.compileCacheBytes(0); // so that BENCH_COMPILE_REPEAT really compiles again
        }
        try (Engine engine = Engine.create(config.build())) {
            if (bench) {
                boolean compileOnly = benchCompileOnly || "1".equals(System.getenv("BENCH_COMPILE_ONLY"));
                return new BenchRun(this, engine, program.file(), program.args(), benchStdout, benchCompileRepeat,
                        compileOnly).run(out, err);
            }
            return run(engine, program, out, err);
        } catch (Failed failed) {
            err.println(failed.getMessage());
            return failed.status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A whole numeric argument as `--invoke` reads them: decimal, hex, float, inf, nan. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[+-]?(inf|nan(:0x[0-9a-f]+)?|0x[0-9a-f_]+(\\.[0-9a-f_]*)?(p[+-]?[0-9]+)?"
                    + "|[0-9][0-9_]*(\\.[0-9_]*)?(e[+-]?[0-9]+)?|\\.[0-9]+(e[+-]?[0-9]+)?)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private Program program() {
        List<String> args = new ArrayList<>(positional);
        // The first argument is the module, unless there is none or it is a number and no file of
        // that name exists: then the demo's export gets the arguments (`windlass run --invoke fib 40`).
        // A file name that merely starts with a digit (`09.wasm`) is a file.
        if (args.isEmpty() || (NUMBER.matcher(args.get(0)).matches() && !Files.exists(Path.of(args.get(0))))) {
            if (args.isEmpty() && invoke == null) {
                args.add("20");
            }
            return new Program("embedded demo plugin", null, args);
        }
        String file = args.remove(0);
        return new Program(file, Path.of(file), args);
    }

    private void checkOptions(Program program) {
        CommandLine commandLine = spec.commandLine();
        if (fuel != null && fuel < 0) {
            throw new CommandLine.ParameterException(commandLine, "--fuel must not be negative: " + fuel);
        }
        if (bench && program.demo()) {
            throw new CommandLine.ParameterException(commandLine, "--bench needs a module file");
        }
        if (bench && invoke != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--bench runs _start and prints only its JSON line; it cannot be combined with --invoke");
        }
        requireNonNegative("--max-memory", maxMemory);
        requireNonNegative("--max-table-elements", maxTableElements);
        requireNonNegative("--max-instances", maxInstances);
        requireNonNegative("--max-tables", maxTables);
        requireNonNegative("--max-memories", maxMemories);
        if (benchCompileRepeat < 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--bench-compile-repeat must not be negative: " + benchCompileRepeat);
        }
    }

    private void requireNonNegative(String option, Number value) {
        if (value != null && value.longValue() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must not be negative: " + value);
        }
    }

    private int run(Engine engine, Program program, PrintWriter out, PrintWriter err) {
        String label = program.label();
        byte[] bytes = program.demo() ? InspectCommand.demoBytes()
                : ModuleLoading.read(program.file(), spec.commandLine());
        Module module = load(engine, bytes, label);
        boolean invoking = invoke != null || program.demo();
        List<String> argv = new ArrayList<>();
        argv.add(label);
        if (!invoking) {
            argv.addAll(program.args());
        }
        WasiConfig.Builder wasi = WasiConfig.builder().args(argv).stdin(System.in)
                .stdout(new WriterOutputStream(out)).stderr(new WriterOutputStream(err));
        WasiPreview1 wasiHost = wasiHost(wasi);
        Linker linker = wasiHost.define(new Linker());
        if (program.demo()) {
            linker.define("host", "log", new FuncType(List.of(ValType.I32, ValType.I64), List.of()),
                    call -> out.printf("  host.log(%d, %d)%n", call.i32(0), call.i64(1)));
        }
        try (wasiHost; Store store = Store.create(engine, storeLimits())) {
            prepare(engine, linker, store);
            Instance instance = link(linker, store, module, label);
            initialize(instance);
            if (invoking) {
                String name = invoke != null ? invoke : "main";
                Func func = instance.func(name).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), label + " exports no function \"" + name + "\""));
                long[] arguments = parseArguments(name, func.type(), program.args());
                if (program.demo()) {
                    out.printf("%s: calling %s(%s)%n", label, name, String.join(", ", program.args()));
                }
                long[] results = func.call(arguments);
                out.flush(); // what the guest printed comes before the results
                InvokeValues.format(func.type(), results).forEach(out::println);
                return 0;
            }
            Optional<Func> start = instance.func("_start");
            if (start.isPresent()) {
                start.get().call();
            }
            return 0;
        } catch (WasmTrap trap) {
            return exitStatus(trap, label, out, err);
        }
    }

    private long[] parseArguments(String name, FuncType type, List<String> args) {
        try {
            return InvokeValues.parse(name, type, args);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@return the guest's {@code proc_exit} status}, or prints the trap and {@return 134} */
    static int exitStatus(WasmTrap trap, String label, PrintWriter out, PrintWriter err) {
        out.flush();
        if (trap.getCause() instanceof WasiExit exit) {
            return exit.status();
        }
        err.println(label + ": " + trap.getMessage()); // the message ends with the Wasm backtrace
        return TRAP_STATUS;
    }

    /** {@return {@code bytes} as a module}, or fails with status 1 saying why */
    static Module load(Engine engine, byte[] bytes, String label) {
        try {
            return ModuleLoading.load(engine, bytes);
        } catch (RuntimeException e) {
            throw failure(e, label);
        }
    }

    private static RuntimeException failure(RuntimeException e, String label) {
        if (e instanceof ResourceLimitException limit) {
            return new Failed(ERROR_STATUS, label + ": ResourceLimitException: " + limitMessage(limit));
        }
        if (!ModuleLoading.isModuleError(e)) {
            return e;
        }
        return new Failed(ERROR_STATUS, ModuleLoading.describe(label, e));
    }

    /** {@return {@code wasi} with the {@code --env} variables and the {@code --dir}s added} */
    WasiConfig.Builder withOptions(WasiConfig.Builder wasi) {
        wasi.env(env);
        for (Directory dir : directories()) {
            if (dir.readOnly()) {
                wasi.preopenReadOnly(dir.host(), dir.guest());
            } else {
                wasi.preopen(dir.host(), dir.guest());
            }
        }
        return wasi;
    }

    /** {@return the WASI host of {@code wasi} plus the options}, or fails with status 1 if a directory cannot be given */
    WasiPreview1 wasiHost(WasiConfig.Builder wasi) {
        WasiConfig config = build(withOptions(wasi));
        try {
            return new WasiPreview1(config);
        } catch (IllegalArgumentException e) {
            throw new Failed(ERROR_STATUS, "windlass: --dir: " + e.getMessage());
        }
    }

    /** {@return the configuration} @throws CommandLine.ParameterException if an option makes it invalid */
    WasiConfig build(WasiConfig.Builder wasi) {
        try {
            return wasi.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    List<Directory> directories() {
        List<Directory> all = new ArrayList<>(dirs);
        all.addAll(readOnlyDirs);
        return all;
    }

    /**
     * Sets the store's fuel and timeout, and instantiates the {@code --preload}s in order, each
     * followed by its {@code _initialize} if it exports one, making their exports importable under
     * their names. A module error fails with status 1; a trap (or
     * {@code proc_exit}) propagates.
     */
    void prepare(Engine engine, Linker linker, Store store) {
        if (fuel != null) {
            store.setFuel(fuel);
        }
        if (timeout != null) {
            store.setTimeout(timeout);
        }
        for (Map.Entry<String, Path> preload : preloads.entrySet()) {
            String label = preload.getValue().toString();
            Module module = load(engine, ModuleLoading.read(preload.getValue(), spec.commandLine()), label);
            Instance instance = link(linker, store, module, label);
            initialize(instance);
            try {
                linker.instance(preload.getKey(), instance);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--preload " + preload.getKey() + ": " + e.getMessage());
            }
        }
    }

    /** {@return the store's limits}: the defaults, raised or lowered by the {@code --max-*} options */
    StoreLimits storeLimits() {
        StoreLimits.Builder limits = StoreLimits.builder();
        if (maxMemory != null) {
            limits.totalMemorySize(maxMemory);
        }
        if (maxTableElements != null) {
            limits.totalTableElements(maxTableElements);
        }
        if (maxInstances != null) {
            limits.instances(maxInstances);
        }
        if (maxTables != null) {
            limits.tables(maxTables);
        }
        if (maxMemories != null) {
            limits.memories(maxMemories);
        }
        return limits.build();
    }

    /**
     * {@return {@code module} instantiated}; a module error (a missing import) or a store limit
     * fails with status 1
     */
    static Instance link(Linker linker, Store store, Module module, String label) {
        try {
            return linker.instantiate(store, module);
        } catch (WasmTrap trap) {
            throw trap;
        } catch (ResourceLimitException e) {
            throw new Failed(ERROR_STATUS, label + ": ResourceLimitException: " + limitMessage(e));
        } catch (RuntimeException e) {
            throw failure(e, label);
        }
    }

    /** {@return what a limit says, with the option that raises it} */
    static String limitMessage(ResourceLimitException e) {
        String option = switch (e.limit()) {
            case MEMORY_SIZE, TOTAL_MEMORY_SIZE -> "--max-memory SIZE";
            case TABLE_ELEMENTS, TOTAL_TABLE_ELEMENTS, CONFIG_TABLE_ELEMENTS -> "--max-table-elements N";
            case INSTANCES -> "--max-instances N";
            case MEMORIES -> "--max-memories N";
            case TABLES -> "--max-tables N";
            case COMPILE_TIME -> "--timeout DURATION";
            case CONFIG_MEMORY_PAGES, ADDRESS_SPACE, MODULE_BYTES, RESERVED_ADDRESS_SPACE -> null;
        };
        return option != null ? e.reason() + " (raise it with " + option + ")" : e.getMessage();
    }

    /** Calls a reactor's {@code _initialize}, if {@code instance} exports one. */
    static void initialize(Instance instance) {
        Optional<Func> initialize = instance.func("_initialize");
        if (initialize.isPresent()) {
            initialize.get().call();
        }
    }

    /** {@return the free-text settings of this run for the bench JSON's {@code engine}} */
    String settings() {
        StringBuilder text = new StringBuilder();
        if (fuel != null) {
            text.append(", fuel ").append(fuel);
        }
        if (timeout != null) {
            text.append(", timeout ").append(timeout);
        }
        return text.toString();
    }
}
