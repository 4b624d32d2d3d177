/**
 * The Windlass runtime API: compile a module with an {@link dev.windlass.sandbox.Engine},
 * instantiate it in a {@link dev.windlass.sandbox.Store} through a
 * {@link dev.windlass.sandbox.Linker} that supplies its imports, and call its exported
 * {@link dev.windlass.sandbox.Func}s. Traps surface as {@link dev.windlass.sandbox.WasmTrap}.
 */
module dev.windlass.sandbox {
    requires transitive dev.windlass.winch;
    requires dev.windlass.nativemem;
    requires dev.windlass.memory;
    requires com.github.benmanes.caffeine;

    exports dev.windlass.sandbox;
}
