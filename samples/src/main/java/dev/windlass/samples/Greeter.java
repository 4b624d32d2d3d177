package dev.windlass.samples;

import dev.windlass.plugin.WasmPlugin;

/** The C sample ({@code plugins/c/greet.c}, Windlass ABI). */
@WasmPlugin("greet-c")
public interface Greeter {

    /** {@return "Hello, NAME! (from C)"} */
    String greet(String name);

    /** {@return how many times this instance has been called}: 1 every time under {@code PER_CALL} */
    int hits();

    /** Keeps {@code note}; {@return the note kept before, "" if none} */
    String remember(String note);
}
