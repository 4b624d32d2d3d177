package dev.windlass.plugin;

import dev.windlass.sandbox.WasmTrap;
import dev.windlass.sandbox.TrapCode;

/**
 * The guest trapped (unreachable, division by zero, out-of-bounds access, stack overflow, a host
 * function that threw...). The {@link WasmTrap} is the cause; its Wasm backtrace is
 * {@link #wasmBacktrace()}. The instance that trapped is not used again.
 */
public final class PluginTrapException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final TrapCode trapCode;

    public PluginTrapException(String plugin, String version, String export, String where, WasmTrap trap) {
        super(plugin, version, export, in(where) + trap.getMessage(), trap);
        this.trapCode = trap.trapCode();
    }

    /** {@return why the guest stopped} */
    public TrapCode trapCode() {
        return trapCode;
    }
}
