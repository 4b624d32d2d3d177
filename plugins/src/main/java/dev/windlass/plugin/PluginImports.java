package dev.windlass.plugin;

import dev.windlass.sandbox.Linker;

/**
 * Defines what a plugin may import besides WASI and Extism's kernel: host functions, memories,
 * globals (see {@link Linker#define}). Called for each linker the plugin's instances are made
 * from (once per version, or once per instance for a plugin that imports WASI), so it should only
 * define. Host functions reach the calling instance's memory through
 * {@link dev.windlass.sandbox.HostCall#callerMemory()}; whatever they throw makes the plugin
 * call fail with a {@link PluginTrapException} (trap code {@code HOST_EXCEPTION}) whose cause
 * chain holds it. They run on the calling thread, during the call, and must be thread-safe
 * when the plugin has more than one instance.
 */
@FunctionalInterface
public interface PluginImports {

    /** Offers nothing. */
    PluginImports NONE = linker -> { };

    /** Defines the imports on {@code linker}. */
    void define(Linker linker);
}
