package dev.windlass.sandbox;

import java.util.Objects;

/**
 * A module whose imports a {@link Linker} has resolved ({@link Linker#instantiatePre}), ready
 * to be instantiated many times, as Wasmtime's {@code InstancePre}: per-request execution pays
 * for name lookups and host-function type checks once. Immutable and thread-safe; the
 * definitions it holds that belong to a store (memories, tables, globals, functions of an
 * instance) can only be linked into that store.
 */
public final class InstancePre {

    private final Module module;
    private final Linker.Definition[] resolved;

    InstancePre(Module module, Linker.Definition[] resolved) {
        this.module = module;
        this.resolved = resolved;
    }

    public Module module() {
        return module;
    }

    /**
     * {@return a new instance of the module in {@code store}}: imports linked, segments applied,
     * start function run
     *
     * @throws LinkException if a definition does not fit (another store's, a memory too small)
     * @throws WasmTrap      if a segment is out of bounds or the start function traps
     */
    public Instance instantiate(Store store) {
        return Linker.link(Objects.requireNonNull(store, "store"), module, resolved);
    }
}
