package dev.windlass.plugin;

/**
 * A plugin's bytes could not become a running version: not a valid module, imports no linker
 * defines, a start function or {@code _initialize} that traps, a failed smoke export, or a new
 * version that no longer fits an interface already bound to the plugin. A reload that fails
 * this way leaves the previous version in place.
 */
public final class PluginLoadException extends PluginException {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String plugin, String version, String detail, Throwable cause) {
        super(plugin, version, null, detail, cause);
    }
}
