package dev.windlass.cli;

import dev.windlass.sandbox.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass compile FILE.wasm [-o FILE.cwasm]}: compiles a module ahead of time into a
 * {@code .cwasm} file (like {@code wasmtime compile}), which {@code windlass run} and
 * {@code Engine.deserialize} load without compiling, with this build of Windlass and the same
 * features.
 */
@Command(
        name = "compile",
        mixinStandardHelpOptions = true,
        description = "Compiles a WebAssembly module to a .cwasm file that `windlass run` loads without compiling.")
public final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.wasm", description = "The module to compile.")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.cwasm",
            description = "Where to write it (default: the input with .cwasm for .wasm).")
    private Path output;

    @CommandLine.Mixin
    private FeaturesOption features;

    @CommandLine.Mixin
    private CodegenOption codegen;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = output != null ? output
                : input.resolveSibling(input.getFileName().toString().replaceFirst("(\\.wasm)?$", ".cwasm"));
        byte[] wasm = ModuleLoading.read(input, spec.commandLine());
        try (Engine engine = Engine.create(codegen.applyTo(ModuleLoading.config(features, spec.commandLine())).build())) {
            byte[] cwasm = engine.serialize(engine.compile(wasm));
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".windlass-compile", ".tmp");
            Files.write(temp, cwasm);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.printf("%s: compiled to %s (%,d bytes)%n", input, target, cwasm.length);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println(input + ": cannot write " + target + ": " + e);
        } catch (RuntimeException e) {
            if (!ModuleLoading.isModuleError(e)) {
                throw e;
            }
            err.println(ModuleLoading.describe(input.toString(), e));
        }
        err.flush();
        return 1;
    }
}
