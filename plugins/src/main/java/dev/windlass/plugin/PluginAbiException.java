package dev.windlass.plugin;

/**
 * The guest broke the Windlass ABI during a call: {@code cabi_realloc} returned a pointer whose
 * range leaves memory, is misaligned or overlaps another argument; a result's {@code (ptr, len)}
 * pair or the bytes it names lie outside memory; a string result is not valid UTF-8; a
 * {@link Codec} could not decode the result. Nothing outside the guest's memory was read or
 * written; the instance is not used again.
 */
public final class PluginAbiException extends PluginException {

    private static final long serialVersionUID = 1L;

    public PluginAbiException(String plugin, String version, String export, String detail, Throwable cause) {
        super(plugin, version, export, detail, cause);
    }
}
