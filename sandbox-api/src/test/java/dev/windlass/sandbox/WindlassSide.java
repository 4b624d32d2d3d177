package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Windlass running a module for {@link DifferentialTest}, its imports from {@link HostImports}. */
final class WindlassSide implements RuntimeUnderTest {

    private final Store store;
    private final Instance instance;
    private final List<String> log;

    private WindlassSide(Store store, Instance instance, List<String> log) {
        this.store = store;
        this.instance = instance;
        this.log = log;
    }

    /**
     * Instantiates {@code module} in a new store; the store is closed again if that fails.
     *
     * @throws WasmTrap if the start function traps (or any other instantiation failure)
     */
    static WindlassSide instantiate(Module module) {
        Store store = Store.create(module.engine());
        List<String> log = new ArrayList<>();
        try {
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
            return new WindlassSide(store, linker.instantiate(store, module), log);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    @Override
    public Outcome call(String name, long[] args) {
        Func func = instance.func(name).orElseThrow();
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
        List<String> taken = List.copyOf(log);
        log.clear();
        return taken;
    }

    @Override
    public void close() {
        store.close();
    }
}
