package dev.windlass.cli;

import dev.windlass.cli.RunOptions.Directory;
import dev.windlass.plugin.InstancePolicy;
import dev.windlass.plugin.PluginBindingException;
import dev.windlass.plugin.PluginErrorException;
import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginRegistry;
import dev.windlass.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass call FILE EXPORT}: calls one export of a plugin with bytes in and prints the
 * bytes out, as {@code extism call} does. The ABI is the registry's: Extism's for a module that
 * imports {@code extism:host/env} (export {@code () -> i32}), else the Windlass ABI (export
 * {@code (ptr, len) -> retptr}); see {@code docs/plugin-abi.md}. The output goes to standard
 * output as it is, byte for byte, with nothing added; a plugin error (an Extism status, a trap,
 * a timeout, fuel, a limit, an ABI violation, a module that does not load or bind) goes to
 * standard error and the status is 1.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = "Calls an export of a plugin (Extism or Windlass ABI, detected) with bytes in and prints the"
                + " bytes out, as `extism call` does.")
public final class CallCommand implements Callable<Integer> {

    static final int ERROR_STATUS = 1;

    @Parameters(index = "0", paramLabel = "FILE.wasm", description = "The plugin.")
    private Path file;

    @Parameters(index = "1", paramLabel = "EXPORT", description = "The export to call.")
    private String export;

    @ArgGroup(exclusive = true)
    private Input input;

    static final class Input {
        @Option(names = "--input", paramLabel = "TEXT", description = "The input, as UTF-8 (default: none).")
        String text;

        @Option(names = "--input-file", paramLabel = "FILE", description = "The input: FILE's bytes ('-': standard input).")
        Path file;
    }

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A config value the plugin reads (Extism's config_get). Repeatable.")
    private Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--wasi", description = "Give a WASI plugin standard output and error (both to our standard error)"
            + " and the --dir directories; without it a WASI plugin gets no files, no environment, and its output is"
            + " discarded.")
    private boolean wasi;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]", converter = RunOptions.ReadWriteDirectory.class,
            description = "With --wasi: preopen HOST as GUEST (default: HOST as written), read and write. Repeatable.")
    private List<Directory> dirs = new ArrayList<>();

    @Option(names = "--dir-readonly", paramLabel = "HOST[::GUEST]", converter = RunOptions.ReadOnlyDirectory.class,
            description = "As --dir, read only. Repeatable.")
    private List<Directory> readOnlyDirs = new ArrayList<>();

    @Option(names = "--fuel", paramLabel = "N", description = "Fuel for the whole call (about one unit per operator).")
    private long fuel;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunOptions.DurationConverter.class,
            description = "Wall-clock limit of each entry into the plugin: 500ms, 2s, 1m; a bare number is seconds.")
    private Duration timeout;

    @Option(names = "--memory-max", paramLabel = "BYTES",
            description = "The most memory the plugin may have (its linear memory and Extism's kernel).")
    private long memoryMax;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final OutputStream stdout;

    /** Prints the output to {@link System#out}. */
    public CallCommand() {
        this(System.out);
    }

    /** Prints the output to {@code stdout} (tests). */
    CallCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        byte[] wasm = ModuleLoading.read(file, spec.commandLine());
        byte[] bytes = input();
        if (fuel < 0 || memoryMax < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fuel and --memory-max must not be negative");
        }
        if ((!dirs.isEmpty() || !readOnlyDirs.isEmpty()) && !wasi) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dir and --dir-readonly need --wasi");
        }
        String name = pluginName();
        try (PluginRegistry registry = PluginRegistry.create()) {
            registry.load(name, wasm, options(err));
            Class<?> iface = ExportInterface.forExport(export);
            Object plugin = registry.plugin(name, iface);
            byte[] output = (byte[]) ExportInterface.method(iface).invoke(plugin, (Object) bytes);
            stdout.write(output);
            stdout.flush();
            return 0;
        } catch (InvocationTargetException e) {
            return fail(err, e.getCause());
        } catch (PluginException | IllegalArgumentException e) {
            return fail(err, e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            err.println("windlass: cannot write the output: " + e);
            err.flush();
            return ERROR_STATUS;
        }
    }

    private String pluginName() {
        String fileName = file.getFileName().toString();
        String base = fileName.endsWith(".wasm") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return base.isEmpty() ? "plugin" : base;
    }

    private byte[] input() {
        if (input == null) {
            return new byte[0];
        }
        if (input.text != null) {
            return input.text.getBytes(StandardCharsets.UTF_8);
        }
        if (input.file.toString().equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ModuleLoading.read(input.file, spec.commandLine());
    }

    private PluginOptions options(PrintWriter err) {
        PluginLimits.Builder limits = PluginLimits.builder();
        if (fuel > 0) {
            limits.fuel(fuel);
        }
        if (timeout != null) {
            limits.timeout(timeout);
        }
        if (memoryMax > 0) {
            limits.maxMemoryBytes(memoryMax);
        }
        PluginOptions.Builder options = PluginOptions.builder().policy(InstancePolicy.SHARED).poolSize(1)
                .limits(limits.build()).config(config);
        if (wasi) {
            WasiConfig.Builder capabilities = WasiConfig.builder()
                    .stdout(new WriterOutputStream(err)).stderr(new WriterOutputStream(err));
            for (Directory dir : dirs) {
                capabilities.preopen(dir.host(), dir.guest());
            }
            for (Directory dir : readOnlyDirs) {
                capabilities.preopenReadOnly(dir.host(), dir.guest());
            }
            try {
                options.wasi(capabilities.build());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dir: " + e.getMessage());
            }
        }
        return options.build();
    }

    /** Prints what went wrong (with the Wasm backtrace, if the guest stopped) to standard error. {@return 1} */
    private int fail(PrintWriter err, Throwable failure) {
        String kind = failure instanceof PluginErrorException error
                ? "error (status " + error.status() + ")"
                : failure.getClass().getSimpleName();
        err.println("windlass: " + kind + ": " + failure.getMessage());
        if (failure instanceof PluginException plugin && !plugin.wasmBacktrace().frames().isEmpty()) {
            err.println(plugin.wasmBacktrace());
        }
        if (failure instanceof PluginBindingException || failure instanceof PluginLoadException) {
            err.println("(windlass call binds EXPORT as `byte[] call(byte[])`: an Extism export () -> i32, or a"
                    + " Windlass ABI export (i32 ptr, i32 len) -> (i32 retptr); for number exports use `windlass"
                    + " run --invoke`)");
        }
        err.flush();
        return ERROR_STATUS;
    }
}
