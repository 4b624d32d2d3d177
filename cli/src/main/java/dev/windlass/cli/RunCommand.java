package dev.windlass.cli;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.LinkException;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiCommand;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiPreview1;
import dev.windlass.winch.compile.CompiledModuleFormat;
import dev.windlass.winch.compile.InvalidCompiledModuleException;
import dev.windlass.winch.compile.UnsupportedFeatureException;
import dev.windlass.winch.wasm.ExternKind;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass run [--env K=V]... [--invoke NAME] [FILE.wasm] [ARGS...]}: compiles a module and
 * instantiates it with WASI preview1 and the {@code host} module (a {@code log(i32, i64)} function
 * that prints). A WASI command (a module exporting {@code _start}, run without {@code --invoke})
 * runs as {@code wasmtime run} runs it: the arguments go to the guest, its exit status is the
 * command's, a trap exits with 134. Otherwise it calls an export (default {@code main}) with
 * integer arguments and prints its results. Without a file it runs the demo plugin embedded in
 * the jar, whose {@code main(20)} reports Fibonacci numbers through the host and returns the
 * Collatz steps of 27.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Compiles a WebAssembly module to machine code and calls one of its exports "
                + "(default: the embedded demo's main).")
public final class RunCommand implements Callable<Integer> {

    /** What {@code wasmtime run} exits with after a trap (128 + SIGABRT). */
    static final int TRAP_STATUS = 134;

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "The export to call (default: _start for a WASI command, else main).")
    private String invoke;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "An environment variable for the WASI guest (it inherits none).")
    private Map<String, String> env = new LinkedHashMap<>();

    @Parameters(paramLabel = "[FILE.wasm] [ARGS...]",
            description = "The module (default: the embedded demo) and the arguments of the export "
                    + "(integers; default for the demo: 20).")
    private List<String> positional = new ArrayList<>();

    @CommandLine.Mixin
    private FeaturesOption features;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> args = new ArrayList<>(positional);
        byte[] bytes;
        String label;
        if (!args.isEmpty() && (args.get(0).endsWith(".wasm") || args.get(0).endsWith(".cwasm"))) {
            Path file = Path.of(args.remove(0));
            label = file.toString();
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": " + e);
            }
        } else {
            label = "embedded demo plugin";
            bytes = InspectCommand.demoBytes();
            if (args.isEmpty() && invoke == null) {
                args.add("20");
            }
        }
        Engine engine = Engine.create(dev.windlass.sandbox.Config.builder()
                .features(features.on(dev.windlass.winch.wasm.WasmFeatures.defaults(), spec.commandLine()))
                .build());
        try (Store store = Store.create(engine)) {
            // A .cwasm from `windlass compile` is loaded as it is; anything else is compiled.
            Module module = CompiledModuleFormat.looksCompiled(bytes) ? engine.deserialize(bytes) : engine.compile(bytes);
            boolean command = invoke == null && module.exports().stream()
                    .anyMatch(e -> e.name().equals("_start") && e.kind() == ExternKind.FUNC);
            List<String> guestArgs = new ArrayList<>();
            guestArgs.add(label);
            if (command) {
                guestArgs.addAll(args);
            }
            WasiConfig wasi = WasiConfig.builder().args(guestArgs).env(env).stdin(System.in)
                    .stdout(new WriterOutputStream(out)).stderr(new WriterOutputStream(err)).build();
            Linker linker = new WasiPreview1(wasi).define(new Linker()).define("host", "log",
                    new FuncType(List.of(ValType.I32, ValType.I64), List.of()),
                    call -> out.printf("  host.log(%d, %d)%n", call.i32(0), call.i64(1)));
            if (command) {
                return runCommand(linker, store, module, label, err);
            }
            String name = invoke == null ? "main" : invoke;
            Instance instance = linker.instantiate(store, module);
            Func func = instance.func(name).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), label + " exports no function \"" + name + "\""));
            long[] values = parseArguments(name, func.type(), args);
            out.printf("%s: calling %s%s%n", label, name, args);
            long[] results = func.call(values);
            out.printf("%s returned %s%n", name, format(func.type(), results));
            out.flush();
            return 0;
        } catch (WasmException | LinkException | UnsupportedFeatureException | InvalidCompiledModuleException e) {
            err.println(label + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (WasmTrap e) {
            out.flush();
            err.println(label + ": " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /** Runs a WASI command's {@code _start}; {@return its exit status} */
    private static int runCommand(Linker linker, Store store, Module module, String label, PrintWriter err) {
        try {
            return WasiCommand.run(linker, store, module);
        } catch (WasmTrap e) {
            err.println(label + ": " + e.getMessage());
            return TRAP_STATUS;
        } finally {
            err.flush();
        }
    }

    private long[] parseArguments(String name, FuncType type, List<String> args) {
        if (args.size() != type.params().size()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    name + " takes " + type.params().size() + " arguments " + type.params() + ", got " + args.size());
        }
        long[] values = new long[args.size()];
        for (int i = 0; i < values.length; i++) {
            ValType t = type.params().get(i);
            try {
                values[i] = switch (t) {
                    case I32 -> Integer.parseInt(args.get(i)) & 0xFFFF_FFFFL;
                    case I64 -> Long.parseLong(args.get(i));
                    default -> throw new CommandLine.ParameterException(spec.commandLine(),
                            "arguments of type " + t + " are not supported yet");
                };
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "argument " + i + " is not an " + t + ": " + args.get(i));
            }
        }
        return values;
    }

    private static String format(FuncType type, long[] results) {
        List<String> text = new ArrayList<>();
        for (int k = 0; k < results.length; k++) {
            text.add(switch (type.results().get(k)) {
                case I32 -> Integer.toString((int) results[k]);
                case I64 -> Long.toString(results[k]);
                default -> type.results().get(k) + " bits 0x" + Long.toHexString(results[k]);
            });
        }
        return text.toString();
    }
}
