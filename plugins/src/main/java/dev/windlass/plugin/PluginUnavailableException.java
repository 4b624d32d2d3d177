package dev.windlass.plugin;

/** No version of the plugin can take the call: it was never loaded, was removed, or the registry is closed. */
public final class PluginUnavailableException extends PluginException {

    private static final long serialVersionUID = 1L;

    public PluginUnavailableException(String plugin, String export, String detail) {
        super(plugin, null, export, detail, null);
    }
}
