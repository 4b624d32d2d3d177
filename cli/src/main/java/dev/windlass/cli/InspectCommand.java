package dev.windlass.cli;

import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmException;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass inspect [FILE.wasm]}: decodes and validates a module and describes it
 * (imports, exports, functions with names, types and body sizes, memories, tables, globals,
 * segments, custom sections). Without a file it describes the demo plugin embedded in the jar.
 * Exit status 0 if the module is valid, 1 if it is malformed or invalid (the error is printed).
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Decodes, validates and describes a WebAssembly module (default: the embedded demo).")
public final class InspectCommand implements Callable<Integer> {

    static final String DEMO_RESOURCE = "demo.wasm";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A .wasm file (default: the embedded demo).")
    private Path file;

    /** Proposals on top of the defaults (Wasm 2.0 + multi-memory). */
    @CommandLine.Mixin
    private FeaturesOption features;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        WasmFeatures enabled = ModuleLoading.features(features, spec.commandLine());
        String label = file == null ? "embedded demo plugin (" + DEMO_RESOURCE + ")" : file.toString();
        byte[] bytes = file == null ? demoBytes() : ModuleLoading.read(file, spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            WasmModule module = ModuleDecoder.decode(bytes, enabled);
            ModuleValidator.validate(module);
            new ModuleDescription(module).print(label, out);
            out.flush();
            return 0;
        } catch (WasmException e) {
            err.println(ModuleLoading.describe(label, e));
            err.flush();
            return 1;
        }
    }

    /** {@return the demo module embedded in the jar} */
    static byte[] demoBytes() {
        try (InputStream in = InspectCommand.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEMO_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
