package dev.windlass.plugin.internal;

import dev.windlass.plugin.InstancePolicy;
import dev.windlass.plugin.PluginOptions;

/**
 * Gives calls instances under one {@link InstancePolicy}. A call {@link #acquire()}s an
 * instance, uses it alone, and {@link #release}s it, saying whether it may serve again (not
 * after a trap or an ABI violation). Thread-safe.
 */
interface InstanceProvider {

    /**
     * {@return an instance for one call}; may wait for one (shared and pooled instances)
     *
     * @throws dev.windlass.plugin.PluginException if a new instance cannot be made
     * @throws dev.windlass.plugin.PluginUnavailableException if the thread is interrupted while waiting
     */
    PluginInstance acquire();

    /** Gives back what {@link #acquire()} gave; {@code reusable} false closes it. */
    void release(PluginInstance instance, boolean reusable);

    /**
     * Makes up to {@code instances} instances ready before any call (none for per-call instances).
     *
     * @throws dev.windlass.plugin.PluginException if one cannot be made
     */
    default void prewarm(int instances) {
    }

    /** Closes the instances kept for later calls; called once no call holds one. */
    void close();

    static InstanceProvider of(InstanceFactory factory, PluginOptions options, String plugin) {
        return switch (options.policy()) {
            case SHARED -> new SharedInstance(factory, plugin);
            case POOLED -> new InstancePool(factory, options.poolSize(), options.maxUsesPerInstance(), plugin);
            case PER_CALL -> new FreshInstances(factory);
        };
    }
}
