package dev.windlass.sandbox;

import dev.windlass.winch.compile.ModuleCompiler;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmModule;
import java.util.Objects;

/**
 * Compiles modules for one {@link Config}. Thread-safe; usually one per application.
 */
public final class Engine {

    private final Config config;
    private final ModuleCompiler compiler;
    private final TypeRegistry types = new TypeRegistry();

    private Engine(Config config) {
        this.config = config;
        this.compiler = new ModuleCompiler(config.target(), config.memoryStrategy());
    }

    /** {@return an engine with the default configuration} */
    public static Engine create() {
        return new Engine(Config.defaults());
    }

    public static Engine create(Config config) {
        return new Engine(Objects.requireNonNull(config, "config"));
    }

    public Config config() {
        return config;
    }

    TypeRegistry types() {
        return types;
    }

    /**
     * Decodes, validates and compiles a module.
     *
     * @throws dev.windlass.winch.wasm.WasmMalformedException if the bytes are not a Wasm binary
     * @throws dev.windlass.winch.wasm.WasmInvalidException   if the module is invalid
     * @throws dev.windlass.winch.compile.UnsupportedFeatureException if it uses what this build cannot compile yet
     */
    public Module compile(byte[] wasm) {
        WasmModule decoded = ModuleDecoder.decode(wasm, config.features());
        return new Module(this, compiler.compile(decoded));
    }
}
