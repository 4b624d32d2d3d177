/**
 * The Windlass runtime API: compile a module with an {@link dev.windlass.sandbox.Engine},
 * instantiate it in a {@link dev.windlass.sandbox.Store} through a
 * {@link dev.windlass.sandbox.Linker} that supplies its imports, and call its exported
 * {@link dev.windlass.sandbox.Func}s. Traps surface as {@link dev.windlass.sandbox.WasmTrap}.
 *
 * <p>It reads {@code dev.windlass.winch} transitively for one package, {@code dev.windlass.winch.wasm}:
 * the Wasm types its signatures use ({@code FuncType}, {@code ValType}, {@code GlobalType},
 * {@code MemoryType}, {@code TableType}, {@code Import}, {@code Export}, {@code WasmFeatures}) and
 * the decoder's exceptions; the compiler's other packages are exported to this module only.
 */
module dev.windlass.sandbox {
    requires transitive dev.windlass.winch;
    requires dev.windlass.nativemem;
    requires dev.windlass.memory;
    requires com.github.benmanes.caffeine;

    exports dev.windlass.sandbox;
}
