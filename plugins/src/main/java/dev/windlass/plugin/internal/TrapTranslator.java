package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginFuelExhaustedException;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.PluginTimeoutException;
import dev.windlass.plugin.PluginTrapException;
import dev.windlass.sandbox.WasmTrap;

/** Turns a {@link WasmTrap} met during a plugin call into the typed exception users catch. */
final class TrapTranslator {

    private TrapTranslator() {
    }

    /**
     * {@return the exception for {@code trap}}
     *
     * @param where the guest function that was running: the export, {@code cabi_realloc}, a post-return
     */
    static PluginException translate(WasmTrap trap, String plugin, String version, String export, String where,
                                     PluginLimits limits) {
        return switch (trap.trapCode()) {
            case OUT_OF_FUEL -> new PluginFuelExhaustedException(plugin, version, export, where, limits.fuel(), trap);
            case INTERRUPT -> limits.timeout() != null
                    ? new PluginTimeoutException(plugin, version, export, where, limits.timeout(), trap)
                    : new PluginTrapException(plugin, version, export, where, trap);
            default -> new PluginTrapException(plugin, version, export, where, trap);
        };
    }
}
