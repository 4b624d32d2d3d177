package dev.windlass.plugin;

import dev.windlass.sandbox.WasmTrap;
import java.time.Duration;

/** A guest call ran past its plugin's {@linkplain PluginLimits#timeout() timeout}; the instance is not used again. */
public final class PluginTimeoutException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public PluginTimeoutException(String plugin, String version, String export, String where, Duration timeout,
                                  WasmTrap trap) {
        super(plugin, version, export, in(where) + "timed out after " + timeout, trap);
        this.timeout = timeout;
    }

    /** {@return the limit that was passed} */
    public Duration timeout() {
        return timeout;
    }
}
