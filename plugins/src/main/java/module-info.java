/**
 * The Windlass plugin layer: a Java interface annotated {@link dev.windlass.plugin.WasmPlugin}
 * is bound to a Wasm module's exports, strings, bytes and records pass through guest memory
 * under the Windlass ABI (the canonical ABI's core lowering), and a
 * {@link dev.windlass.plugin.PluginRegistry} loads, limits, pools and hot-swaps plugins.
 * Only {@code dev.windlass.plugin} is exported; Jackson is optional (for
 * {@link dev.windlass.plugin.Codec#json()}).
 */
module dev.windlass.plugin {
    requires transitive dev.windlass.sandbox;
    requires transitive dev.windlass.wasi;
    requires static tools.jackson.databind;
    requires jdk.jfr;

    exports dev.windlass.plugin;
}
