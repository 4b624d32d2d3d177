/**
 * The Windlass compiler: a pure function from Wasm bytes to machine code.
 * It never touches native memory; see {@code dev.windlass.winch.wasm} for the front end and
 * {@code dev.windlass.winch.isa} (with {@code isa.x64}) for the machine-code encoder.
 */
module dev.windlass.winch {
    exports dev.windlass.winch.compile;
    exports dev.windlass.winch.wasm;
    exports dev.windlass.winch.isa;
    exports dev.windlass.winch.isa.x64;
    exports dev.windlass.winch.vm;
}
