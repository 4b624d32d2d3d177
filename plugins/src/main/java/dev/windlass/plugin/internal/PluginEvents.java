package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginCall;
import dev.windlass.plugin.PluginListener;
import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginVersion;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Reports calls and loads to the registry's {@link PluginListener}s and as JFR events. A
 * listener that throws is ignored: observing must not change what the caller sees.
 */
public final class PluginEvents {

    private final List<PluginListener> listeners;

    public PluginEvents(List<PluginListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** {@return a begun JFR call event}, or null when no recording enables it */
    static CallEvent beginCall() {
        if (!CallEvent.ENABLED.isEnabled()) {
            return null;
        }
        CallEvent event = new CallEvent();
        event.begin();
        return event;
    }

    /** Reports a finished call: commits {@code event} (from {@link #beginCall()}, may be null), tells the listeners. */
    void callCompleted(CallEvent event, String plugin, String version, String export, long startNanos,
                       long fuelUsed, Throwable failure) {
        if (event != null) {
            event.end();
            event.plugin = plugin;
            event.version = version;
            event.export = export;
            event.fuelUsed = fuelUsed;
            event.failure = failure == null ? null : failure.getClass().getSimpleName();
            event.commit();
        }
        if (!listeners.isEmpty()) {
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            PluginCall call = new PluginCall(plugin, version, export, duration, fuelUsed, failure);
            tell(listener -> listener.callCompleted(call));
        }
    }

    void versionLoaded(PluginVersion version, PluginVersion replaced) {
        LoadEvent event = new LoadEvent();
        if (event.isEnabled()) {
            event.plugin = version.plugin();
            event.version = version.sha256();
            event.replaced = replaced == null ? null : replaced.sha256();
            event.commit();
        }
        tell(listener -> listener.versionLoaded(version, replaced));
    }

    void loadFailed(String plugin, PluginLoadException failure) {
        LoadEvent event = new LoadEvent();
        if (event.isEnabled()) {
            event.plugin = plugin;
            event.version = failure.version();
            event.failure = failure.getMessage();
            event.commit();
        }
        tell(listener -> listener.loadFailed(plugin, failure));
    }

    /** Tells every listener; one that throws is skipped: a listener must not change what it observes. */
    private void tell(Consumer<PluginListener> message) {
        for (PluginListener listener : listeners) {
            try {
                message.accept(listener);
            } catch (RuntimeException ignored) {
                // see the method comment
            }
        }
    }

    @Name("dev.windlass.PluginCall")
    @Label("Plugin Call")
    @Category({"Windlass", "Plugins"})
    @Description("A call of a Wasm plugin's export, from the proxy to its return")
    static final class CallEvent extends Event {
        /** Asked once per call whether to prepare an event at all. */
        static final CallEvent ENABLED = new CallEvent();

        @Label("Plugin")
        String plugin;
        @Label("Version")
        String version;
        @Label("Export")
        String export;
        @Label("Fuel Used")
        long fuelUsed;
        @Label("Failure")
        String failure;
    }

    @Name("dev.windlass.PluginLoad")
    @Label("Plugin Load")
    @Category({"Windlass", "Plugins"})
    @Description("A plugin version put in service, or a load or reload that failed")
    static final class LoadEvent extends Event {
        @Label("Plugin")
        String plugin;
        @Label("Version")
        String version;
        @Label("Replaced Version")
        String replaced;
        @Label("Failure")
        String failure;
    }
}
