package dev.windlass.plugin;

import dev.windlass.sandbox.WasmTrap;

/** A call used all the fuel its plugin's {@linkplain PluginLimits#fuel() limit} gives; the instance is not used again. */
public final class PluginFuelExhaustedException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final long fuelUsed;

    public PluginFuelExhaustedException(String plugin, String version, String export, String where, long fuelUsed,
                                        WasmTrap trap) {
        super(plugin, version, export, in(where) + "all " + fuelUsed + " units of fuel consumed", trap);
        this.fuelUsed = fuelUsed;
    }

    /** {@return the fuel the call consumed}: all it was given */
    public long fuelUsed() {
        return fuelUsed;
    }
}
