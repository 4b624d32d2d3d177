package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginVersion;
import dev.windlass.sandbox.Module;

/**
 * A version's immutable part: its identity, compiled code and shape. Kept for
 * {@code rollback}, which makes new instances of it.
 */
record CompiledPlugin(PluginVersion version, Module module, ModuleShape shape) {
}
