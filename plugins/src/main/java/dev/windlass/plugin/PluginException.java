package dev.windlass.plugin;

import dev.windlass.sandbox.WasmBacktrace;
import java.util.List;

/**
 * Why a plugin could not be bound, loaded or called. Every subtype names the plugin, the
 * version (the SHA-256 of its bytes, hex; {@code null} where no version is involved, as in
 * {@link PluginContract#verify}) and, for a call, the export; the message starts with them:
 * {@code plugin greeter@3f2a9c01d4e7, export greet: ...}. A switch over the sealed subtypes
 * covers every failure.
 */
public abstract sealed class PluginException extends RuntimeException
        permits PluginBindingException, PluginLoadException, PluginUnavailableException, PluginTrapException,
        PluginTimeoutException, PluginFuelExhaustedException, PluginLimitExceededException, PluginAbiException,
        PluginErrorException {

    private static final long serialVersionUID = 1L;

    private static final WasmBacktrace NO_FRAMES = new WasmBacktrace(List.of(), 0);

    private final String plugin;
    private final String version;
    private final String export;

    PluginException(String plugin, String version, String export, String detail, Throwable cause) {
        super(prefix(plugin, version, export) + detail, cause);
        this.plugin = plugin;
        this.version = version;
        this.export = export;
    }

    private static String prefix(String plugin, String version, String export) {
        StringBuilder text = new StringBuilder("plugin ").append(plugin == null ? "?" : plugin);
        if (version != null) {
            text.append('@').append(version, 0, Math.min(12, version.length()));
        }
        if (export != null) {
            text.append(", export ").append(export);
        }
        return text.append(": ").toString();
    }

    /** {@return "in {@code where}: "}, or nothing when {@code where} is null (the export itself) */
    static String in(String where) {
        return where == null ? "" : "in " + where + ": ";
    }

    /** {@return the plugin's name} */
    public String plugin() {
        return plugin;
    }

    /** {@return the version's SHA-256 (64 hex digits)}, or null when the failure concerns no loaded version */
    public String version() {
        return version;
    }

    /** {@return the export that was being bound or called}, or null when the failure concerns the whole plugin */
    public String export() {
        return export;
    }

    /**
     * {@return the Wasm call stack where the guest stopped}: the trap's when the guest trapped,
     * ran out of fuel or time; empty otherwise
     */
    public WasmBacktrace wasmBacktrace() {
        return getCause() instanceof dev.windlass.sandbox.WasmTrap trap ? trap.wasmBacktrace() : NO_FRAMES;
    }
}
