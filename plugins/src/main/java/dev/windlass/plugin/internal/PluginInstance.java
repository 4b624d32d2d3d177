package dev.windlass.plugin.internal;

import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Store;
import dev.windlass.wasi.WasiPreview1;
import java.util.HashMap;
import java.util.Map;

/**
 * One live instance of a plugin version, in its own store, with the WASI host and the Extism
 * kernel it links to (if any). Used by one call at a time (its provider sees to that); {@link #close()} releases the
 * store's native memory and the WASI descriptors.
 */
public final class PluginInstance implements AutoCloseable {

    private final Store store;
    private final Instance instance;
    private final WasiPreview1 wasi;
    private final Memory memory;
    private final Map<String, Func> functions = new HashMap<>();
    private final boolean metered;
    private final ExtismKernel kernel;
    private int calls;
    /** The fuel the last {@link #refuel} gave. */
    private long fuelGiven;

    PluginInstance(Store store, Instance instance, WasiPreview1 wasi, ExtismKernel kernel) {
        this.store = store;
        this.kernel = kernel;
        this.metered = store.engine().config().consumeFuel();
        this.instance = instance;
        this.wasi = wasi;
        this.memory = instance.memory(ModuleShape.MEMORY).orElse(null);
    }

    Store store() {
        return store;
    }

    /** {@return the exported {@code "memory"}}, null if there is none (binding made sure calls that need it have it) */
    Memory memory() {
        return memory;
    }

    /** {@return the Extism kernel of the instance}, null if the module does not import it */
    ExtismKernel kernel() {
        return kernel;
    }

    /** {@return the exported function {@code name}}; binding checked it exists */
    Func function(String name) {
        Func func = functions.get(name);
        if (func == null) {
            func = instance.func(name).orElseThrow(() -> new IllegalStateException("no export " + name));
            functions.put(name, func);
        }
        return func;
    }

    /**
     * Gives the store {@code fuel} units for the next call (0: as much as a long holds), when
     * the engine meters fuel: a store of such an engine starts with none and would trap at once.
     */
    void refuel(long fuel) {
        if (metered) {
            fuelGiven = fuel > 0 ? fuel : Long.MAX_VALUE;
            store.setFuel(fuelGiven);
        }
    }

    /** {@return the fuel consumed since the last {@link #refuel}}, -1 when the engine does not meter it */
    long fuelUsed() {
        return metered ? fuelGiven - store.getFuel() : -1;
    }

    /** Counts a call; {@return the calls served so far, this one included} */
    int countCall() {
        return ++calls;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (wasi != null) {
                wasi.close();
            }
        }
    }
}
