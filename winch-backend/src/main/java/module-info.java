/**
 * The Windlass compiler: a pure function from Wasm bytes to machine code.
 * It never touches native memory; see {@code dev.windlass.winch.wasm} for the front end and
 * {@code dev.windlass.winch.isa} (with {@code isa.x64}) for the machine-code encoder.
 *
 * <p>Only {@code dev.windlass.winch.wasm} is public: the Wasm data model the runtime's API speaks
 * ({@code FuncType}, {@code ValType}, {@code MemoryType}, imports and exports, {@code WasmFeatures})
 * and the decoder's errors. The compiler itself, the encoder and the runtime ABI (VMContext
 * offsets, builtins, trap statuses) are exported only to the runtime that joins them to native
 * memory; see sandbox-api's README for the reasoning.
 */
module dev.windlass.winch {
    exports dev.windlass.winch.wasm;
    exports dev.windlass.winch.compile to dev.windlass.sandbox;
    exports dev.windlass.winch.vm to dev.windlass.sandbox;
    exports dev.windlass.winch.isa.x64 to dev.windlass.sandbox;
}
