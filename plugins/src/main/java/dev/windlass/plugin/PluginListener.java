package dev.windlass.plugin;

/**
 * Hears what a {@link PluginRegistry} does: calls, loads and reloads. Register one with
 * {@link PluginRegistry.Builder#listener}. Methods run on the thread that made the call or the
 * load, after it finished, so they must be quick and thread-safe; an exception a listener throws
 * is caught and ignored (it must not change a call's outcome). The same facts are recorded as
 * JFR events ({@code dev.windlass.PluginCall}, {@code dev.windlass.PluginLoad}) when a recording
 * enables them.
 */
public interface PluginListener {

    /** A call of a plugin export returned or threw. */
    default void callCompleted(PluginCall call) {
    }

    /** {@code version} went into service, replacing {@code replaced} (null for a first load). */
    default void versionLoaded(PluginVersion version, PluginVersion replaced) {
    }

    /** Loading or reloading {@code plugin} failed; a version in service stays. */
    default void loadFailed(String plugin, PluginLoadException failure) {
    }
}
