package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginVersion;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;

/**
 * Runs a new version's smoke export once before it goes into service: an export of type
 * {@code () -> ()} must return, one of type {@code () -> (i32)} must return 0.
 */
final class SmokeTest {

    private SmokeTest() {
    }

    /** @throws PluginLoadException if the export is missing, of another type, traps or returns non-zero */
    static void run(PluginInstance probe, PluginOptions options, PluginVersion version) {
        String export = options.smokeExport();
        String sha = version.sha256();
        String plugin = version.plugin();
        FuncType type;
        try {
            type = probe.function(export).type();
        } catch (IllegalStateException e) {
            throw new PluginLoadException(plugin, sha, "the smoke export " + export + " is missing", e);
        }
        boolean status = type.equals(new FuncType(List.of(), List.of(ValType.I32)));
        if (!status && !type.equals(FuncType.EMPTY)) {
            throw new PluginLoadException(plugin, sha, "the smoke export " + export + " must be () -> () or"
                    + " () -> (i32), not " + type, null);
        }
        probe.refuel(options.limits().fuel());
        try {
            long[] results = probe.function(export).call();
            if (status && (int) results[0] != 0) {
                throw new PluginLoadException(plugin, sha, "the smoke export " + export + " returned "
                        + (int) results[0], null);
            }
        } catch (WasmTrap trap) {
            throw new PluginLoadException(plugin, sha, "the smoke export " + export + " trapped: "
                    + trap.getMessage(), trap);
        }
    }
}
