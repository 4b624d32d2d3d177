package dev.windlass.wasi;

import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;

/**
 * Runs a WASI command (a module exporting {@code _start}), as {@code wasmtime run} does:
 * instantiate, call {@code _start}, and turn {@code proc_exit} into an exit status.
 */
public final class WasiCommand {

    private WasiCommand() {
    }

    /**
     * Instantiates {@code module} with {@code linker} (which must hold the WASI functions, e.g.
     * from {@link WasiPreview1#define}) and runs its {@code _start}.
     *
     * @return the exit status: the guest's {@code proc_exit} code, or 0 if {@code _start} returned
     * @throws WasmTrap if the guest trapped
     * @throws IllegalArgumentException if the module exports no {@code _start} function
     */
    public static int run(Linker linker, Store store, Module module) {
        Instance instance;
        try {
            instance = linker.instantiate(store, module);
        } catch (WasmTrap trap) {
            return exitStatus(trap); // a start function may exit too
        }
        Func start = instance.func("_start")
                .orElseThrow(() -> new IllegalArgumentException("the module exports no _start function"));
        try {
            start.call();
            return 0;
        } catch (WasmTrap trap) {
            return exitStatus(trap);
        }
    }

    /** {@return the status of a trap that is a {@code proc_exit}} @throws WasmTrap any other trap */
    public static int exitStatus(WasmTrap trap) {
        if (trap.getCause() instanceof WasiExit exit) {
            return exit.status();
        }
        throw trap;
    }
}
