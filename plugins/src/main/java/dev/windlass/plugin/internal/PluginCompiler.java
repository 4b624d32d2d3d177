package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginVersion;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Module;
import java.time.Instant;

/** Compiles a plugin's bytes through the engine (and its cache) and reads its shape. */
final class PluginCompiler {

    private PluginCompiler() {
    }

    /** @throws PluginLoadException if the bytes are not a valid module the engine can compile */
    static CompiledPlugin compile(String name, byte[] wasm, PluginSource source, Engine engine) {
        String sha = PluginVersion.sha256Of(wasm);
        try {
            Module module = engine.compile(wasm.clone());
            ModuleShape shape = ModuleShape.of(wasm, engine.config().features());
            return new CompiledPlugin(new PluginVersion(name, sha, source.describe(), Instant.now()), module, shape);
        } catch (RuntimeException e) {
            throw new PluginLoadException(name, sha, "cannot compile: " + e.getMessage(), e);
        }
    }
}
