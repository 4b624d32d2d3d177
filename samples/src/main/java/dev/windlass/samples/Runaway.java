package dev.windlass.samples;

import dev.windlass.plugin.WasmPlugin;

/** The runaway sample ({@code plugins/wat/runaway.wat}): {@code spin} never returns by itself. */
@WasmPlugin("runaway")
public interface Runaway {

    int spin();
}
