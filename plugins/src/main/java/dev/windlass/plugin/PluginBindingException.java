package dev.windlass.plugin;

/**
 * An interface does not fit a module: an export is missing or has another signature, a type
 * cannot pass to Wasm, or the module lacks what the Windlass ABI needs ({@code memory},
 * {@code cabi_realloc}). Thrown when binding ({@link PluginRegistry#plugin(Class)},
 * {@link PluginContract#verify}), never during a call; the message names the method, the
 * export and both signatures.
 */
public final class PluginBindingException extends PluginException {

    private static final long serialVersionUID = 1L;

    public PluginBindingException(String plugin, String version, String export, String detail) {
        super(plugin, version, export, detail, null);
    }
}
