package dev.windlass.plugin;

import dev.windlass.plugin.internal.InterfaceBinder;
import dev.windlass.plugin.internal.ModuleShape;
import dev.windlass.winch.wasm.WasmException;
import dev.windlass.winch.wasm.WasmFeatures;

/**
 * Checks that a module fits a {@link WasmPlugin} interface without running it: in a test or a
 * build, the same checks {@link PluginRegistry#plugin(Class)} makes when it binds.
 *
 * <pre>{@code
 * PluginContract.verify(Greeter.class, Files.readAllBytes(Path.of("greeter.wasm")));
 * }</pre>
 */
public final class PluginContract {

    private PluginContract() {
    }

    /**
     * Verifies {@code iface} against {@code wasm}, with JSON for other types if Jackson is present.
     *
     * @throws PluginBindingException if a method does not fit (the message lists each: method,
     *                                export, expected and actual core signatures)
     * @throws PluginLoadException    if the bytes are not a well-formed module
     */
    public static void verify(Class<?> iface, byte[] wasm) {
        verify(iface, wasm, Codec.jsonIfAvailable().orElse(null));
    }

    /**
     * Verifies {@code iface} against {@code wasm}; types other than numbers, strings and bytes
     * need {@code codec} (null: none).
     *
     * @throws PluginBindingException if a method does not fit
     * @throws PluginLoadException    if the bytes are not a well-formed module
     */
    public static void verify(Class<?> iface, byte[] wasm, Codec codec) {
        String plugin = PluginRegistry.pluginName(iface);
        ModuleShape shape;
        try {
            shape = ModuleShape.of(wasm, WasmFeatures.defaults());
        } catch (WasmException e) {
            throw new PluginLoadException(plugin, null, "not a Wasm module: " + e.getMessage(), e);
        }
        InterfaceBinder.bind(iface, shape, plugin, null, codec);
    }
}
