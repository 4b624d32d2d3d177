package dev.windlass.samples;

import dev.windlass.plugin.WasmExport;
import dev.windlass.plugin.WasmPlugin;

/** The AssemblyScript sample built with Extism's own PDK ({@code plugins/as-extism}, Extism ABI). */
@WasmPlugin("vowels-extism")
public interface VowelCounter {

    /** {@return {"count": N, "total": T, "vowels": "aeiouAEIOU"}}, T kept in the Extism var "total" */
    @WasmExport("count_vowels")
    String countVowels(String text);

    /** {@return "GREETING, NAME!"}, GREETING from the plugin's config ("Hello" without one) */
    String greet(String name);

    /** {@return the input's bytes in reverse order} */
    @WasmExport("reverse_bytes")
    byte[] reverseBytes(byte[] input);
}
