package dev.windlass.plugin;

/** How a plugin's calls get an instance. Under each, an instance that trapped or broke the ABI is never used again. */
public enum InstancePolicy {
    /**
     * One instance for all calls, which take turns (one at a time, in arrival order); state
     * persists between calls. After a failed call the instance is closed and the next call
     * gets a fresh one.
     */
    SHARED,
    /**
     * Up to {@link PluginOptions#poolSize()} instances, each serving one call at a time and
     * kept between calls; a call waits when all are busy. An instance is retired after a failed
     * call or after {@link PluginOptions#maxUsesPerInstance()} calls.
     */
    POOLED,
    /**
     * A fresh instance (and store) for every call, closed when it returns: no call sees
     * another's state. Instantiation is prepared once ({@code InstancePre}) unless the plugin
     * imports WASI, whose per-instance state needs a fresh linker per call.
     */
    PER_CALL
}
