package dev.windlass.cli;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.LinkException;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.ResourceLimitException;
import dev.windlass.winch.compile.CompiledModuleFormat;
import dev.windlass.winch.compile.InvalidCompiledModuleException;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.WasmException;
import dev.windlass.winch.wasm.WasmFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * What {@code run}, {@code compile} and {@code inspect} share: reading a module file, the engine
 * configuration that {@code --features} starts from, turning bytes into a {@link Module} (a
 * {@code .cwasm} from {@code windlass compile} is loaded as it is, anything else compiled), and
 * the one-line description of why that failed.
 */
final class ModuleLoading {

    private ModuleLoading() {
    }

    /**
     * {@return the bytes of {@code file}}
     *
     * @throws CommandLine.ParameterException (a usage error, status 2) if it cannot be read
     */
    static byte[] read(Path file, CommandLine commandLine) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine, "cannot read " + file + ": " + e);
        }
    }

    /** {@return the default features (Wasm 2.0 + multi-memory) plus the proposals {@code --features} names} */
    static WasmFeatures features(FeaturesOption features, CommandLine commandLine) {
        return features.on(WasmFeatures.defaults(), commandLine);
    }

    /** {@return a configuration with the defaults and the {@linkplain #features features} asked for} */
    static Config.Builder config(FeaturesOption features, CommandLine commandLine) {
        return Config.builder().features(features(features, commandLine));
    }

    /**
     * {@return the module the bytes hold}: a {@code .cwasm} (recognized by its header, not its
     * file name) is deserialized, anything else compiled
     *
     * @throws WasmException                  if the module is malformed or invalid
     * @throws UnsupportedFeatureException    if it needs what the compiler cannot do yet
     * @throws InvalidCompiledModuleException if a {@code .cwasm} is broken or from another build
     */
    static Module load(Engine engine, byte[] bytes) {
        return CompiledModuleFormat.looksCompiled(bytes) ? engine.deserialize(bytes) : engine.compile(bytes);
    }

    /** {@return whether {@link #describe} explains {@code e}: the module could not be loaded or linked} */
    static boolean isModuleError(RuntimeException e) {
        return e instanceof WasmException || e instanceof UnsupportedFeatureException
                || e instanceof InvalidCompiledModuleException || e instanceof LinkException
                || e instanceof ResourceLimitException;
    }

    /** {@return {@code "LABEL: ExceptionType: message"}, what the commands print for a module error} */
    static String describe(String label, RuntimeException e) {
        return label + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
