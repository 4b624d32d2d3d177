package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Windlass running a module for the differential tests, its imports from {@link HostImports}.
 * Under an engine with epoch interruption every call has a timeout, with fuel a fixed amount of
 * fuel: a call that would hang traps instead (INTERRUPT, OUT_OF_FUEL).
 */
final class WindlassSide implements RuntimeUnderTest {

    private final Store store;
    private final Instance instance;
    private final List<String> log;
    private final long fuel;

    private WindlassSide(Store store, Instance instance, List<String> log, long fuel) {
        this.store = store;
        this.instance = instance;
        this.log = log;
        this.fuel = fuel;
    }

    /**
     * Instantiates {@code module} in a new store; the store is closed again if that fails.
     *
     * @param timeout each call's time limit, if the engine has epoch interruption
     * @param fuel    each call's fuel, if the engine consumes fuel
     * @throws WasmTrap if the start function traps (or any other instantiation failure)
     */
    static WindlassSide instantiate(Module module, Duration timeout, long fuel) {
        Store store = Store.create(module.engine());
        List<String> log = new ArrayList<>();
        Config config = module.engine().config();
        try {
            if (config.epochInterruption()) {
                store.setTimeout(timeout);
            }
            if (config.consumeFuel()) {
                store.setFuel(fuel);
            }
            Linker linker = new Linker();
            WasmModule wasm = module.wasm();
            Set<String> defined = new HashSet<>();
            for (Import imp : wasm.imports()) {
                if (!defined.add(imp.module() + "." + imp.name())) {
                    continue; // imported twice: one definition serves both
                }
                switch (imp.type()) {
                    case FuncTypeRef ref -> {
                        FuncType type = wasm.types().get(ref.typeIndex());
                        String name = imp.name();
                        linker.define(imp.module(), name, type, call -> {
                            long[] args = new long[type.params().size()];
                            for (int i = 0; i < args.length; i++) {
                                args[i] = call.i64(i);
                            }
                            log.add(HostImports.logLine(name, type, args));
                        });
                    }
                    case GlobalType type -> linker.define(imp.module(), imp.name(),
                            Global.create(store, type, HostImports.spectestGlobalBits(imp.name())));
                    case MemoryType type -> linker.define(imp.module(), imp.name(), Memory.create(store,
                            new MemoryType(HostImports.SPECTEST_MEMORY, false, false)));
                    default -> throw new IllegalArgumentException("not provided: " + imp);
                }
            }
            return new WindlassSide(store, linker.instantiate(store, module), log, config.consumeFuel() ? fuel : -1);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    @Override
    public Outcome call(String name, long[] args) {
        Func func = instance.func(name).orElseThrow();
        if (fuel >= 0) {
            store.setFuel(fuel);
        }
        try {
            return new Outcome.Returned(func.type().results(), func.call(args));
        } catch (WasmTrap trap) {
            return outcome(trap);
        } catch (RuntimeException | Error e) {
            return new Outcome.Failed(e);
        }
    }

    static Outcome outcome(WasmTrap trap) {
        return trap.trapCode() == TrapCode.STACK_OVERFLOW ? new Outcome.Exhausted(trap.getMessage())
                : new Outcome.Trapped(trap.trapCode(), trap.getMessage());
    }

    @Override
    public List<String> takeLog() {
        return RuntimeUnderTest.drain(log);
    }

    @Override
    public void close() {
        store.close();
    }
}
