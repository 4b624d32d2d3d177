package dev.windlass.samples;

import dev.windlass.plugin.WasmPlugin;

/** The memory hog sample ({@code plugins/wat/hog.wat}). */
@WasmPlugin("hog")
public interface MemoryHog {

    /** Grows memory a page at a time until refused; {@return the pages it holds then} */
    int hog();
}
