package dev.windlass.samples;

import dev.windlass.plugin.WasmExport;
import dev.windlass.plugin.WasmPlugin;

/** The AssemblyScript sample on the Windlass ABI ({@code plugins/as-windlass}). */
@WasmPlugin("shout-as")
public interface Shouter {

    /** {@return the text in capitals with "!" added} */
    String shout(String text);

    /** {@return how many words the text has} */
    @WasmExport("word_count")
    int wordCount(String text);
}
