package dev.windlass.cli.wast;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.ExternRef;
import dev.windlass.sandbox.Global;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.StoreLimits;
import dev.windlass.sandbox.Table;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.ValType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The running state of one script: its store, the instances of its modules (the latest, and
 * those named {@code $M}), and a linker with the {@code spectest} module and every registered
 * instance. A module this build cannot run is remembered with the reason, so the commands
 * that use it are skipped with that reason.
 */
final class ScriptSession implements AutoCloseable {

    /** Thrown when a command needs a module that could not be instantiated for a known reason. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Engine engine;
    private final Store store;
    private final Linker linker = new Linker().allowShadowing(true);
    private final Map<String, Instance> named = new HashMap<>();
    private final Map<String, String> namedUnavailable = new HashMap<>();
    /** Names registered from modules that could not run: importing from them is unavailable too. */
    private final Map<String, String> registeredUnavailable = new HashMap<>();
    private Instance current;
    private final Map<Long, ExternRef> externRefs = new HashMap<>();
    private String currentUnavailable = "no module instantiated yet";

    ScriptSession(Engine engine) {
        this.engine = engine;
        // The spec's scripts are trusted and keep every module of a script in one store: Wasmtime's limits.
        this.store = Store.create(engine, StoreLimits.unlimited());
        if (engine.config().consumeFuel()) {
            store.setFuel(Long.MAX_VALUE); // metering must change no result: never run out
        }
        defineSpectest();
    }

    private void defineSpectest() {
        FuncType nothing = new FuncType(List.of(), List.of());
        linker.define("spectest", "print", nothing, call -> { });
        for (var params : List.of(List.of(ValType.I32), List.of(ValType.I64), List.of(ValType.F32),
                List.of(ValType.F64), List.of(ValType.I32, ValType.F32), List.of(ValType.F64, ValType.F64))) {
            String name = "print_" + String.join("_", params.stream().map(ValType::toString).toList());
            linker.define("spectest", name, new FuncType(params, List.of()), call -> { });
        }
        linker.define("spectest", "memory",
                Memory.create(store, new MemoryType(Limits.between(1, 2), false, false)));
        linker.define("spectest", "table",
                Table.create(store, new TableType(ValType.FUNCREF, Limits.between(10, 20), false), null));
        linker.define("spectest", "table64",
                Table.create(store, new TableType(ValType.FUNCREF, Limits.between(10, 20), true), null));
        linker.define("spectest", "global_i32", Global.create(store, new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", Global.create(store, new GlobalType(ValType.I64, false), 666));
        linker.define("spectest", "global_f32",
                Global.create(store, new GlobalType(ValType.F32, false), Float.floatToRawIntBits(666.6f)));
        linker.define("spectest", "global_f64",
                Global.create(store, new GlobalType(ValType.F64, false), Double.doubleToRawLongBits(666.6)));
    }

    /**
     * Compiles and instantiates a module, which becomes the current one (and {@code name}'s).
     *
     * @return {@code null}, or why this build cannot run the module
     * @throws dev.windlass.sandbox.LinkException and {@link dev.windlass.sandbox.WasmTrap} as instantiation does
     */
    String instantiate(byte[] bytes, String name) {
        Instance instance;
        try {
            instance = instantiateOnly(bytes);
        } catch (UnsupportedFeatureException e) {
            String reason = skipReason(e);
            remember(null, reason, name);
            return reason;
        } catch (Unavailable e) {
            remember(null, e.getMessage(), name);
            return e.getMessage();
        } catch (RuntimeException e) {
            remember(null, "its module failed to instantiate", name);
            throw e;
        }
        remember(instance, null, name);
        return null;
    }

    /** {@return the skip reason for what this build cannot compile or run yet}, without details */
    static String skipReason(UnsupportedFeatureException e) {
        return "needs " + e.getMessage().replaceFirst(" (is )?not supported yet.*", "").replaceFirst(" \\(.*", "");
    }

    /** Compiles and instantiates a module without making it current (assert_unlinkable and friends). */
    Instance instantiateOnly(byte[] bytes) {
        Module module = engine.compile(bytes);
        for (var imp : module.imports()) {
            String reason = registeredUnavailable.get(imp.module());
            if (reason != null) {
                throw new Unavailable(reason);
            }
        }
        return linker.instantiate(store, module);
    }

    private void remember(Instance instance, String unavailable, String name) {
        current = instance;
        currentUnavailable = unavailable;
        if (name != null) {
            if (instance != null) {
                named.put(name, instance);
                namedUnavailable.remove(name);
            } else {
                named.remove(name);
                namedUnavailable.put(name, unavailable);
            }
        }
    }

    /** Makes the exports of the named (or current) module importable as {@code as}. */
    void register(String name, String as) {
        try {
            linker.instance(as, instance(name));
            registeredUnavailable.remove(as);
        } catch (Unavailable e) {
            registeredUnavailable.put(as, e.getMessage());
            throw e;
        }
    }

    private Instance instance(String name) {
        if (name == null) {
            if (current == null) {
                throw new Unavailable(currentUnavailable);
            }
            return current;
        }
        Instance instance = named.get(name);
        if (instance == null) {
            throw new Unavailable(namedUnavailable.getOrDefault(name, "unknown module " + name));
        }
        return instance;
    }

    /**
     * Runs an {@code invoke} or {@code get} action and {@return its results}: numbers as their
     * raw bits ({@link Long}), references as {@code Func}, {@code ExternRef} or null
     */
    Object[] perform(JsonNode action) {
        Instance instance = instance(action.path("module").isMissingNode() || action.path("module").isNull()
                ? null : action.path("module").asString());
        String field = action.path("field").asString();
        return switch (action.path("type").asString()) {
            case "invoke" -> {
                Func func = instance.func(field).orElseThrow(() -> new IllegalStateException("no export " + field));
                JsonNode args = action.path("args");
                FuncType type = func.type();
                if (type.params().stream().allMatch(ValType::isNumber) && type.results().stream().allMatch(ValType::isNumber)) {
                    long[] values = new long[args.size()]; // raw bits all the way: NaN payloads stay exact
                    for (int i = 0; i < values.length; i++) {
                        values[i] = WastValues.parse(args.get(i));
                    }
                    yield java.util.Arrays.stream(func.call(values)).boxed().toArray();
                }
                Object[] values = new Object[args.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = WastValues.parseValue(args.get(i),
                            i < type.params().size() ? type.params().get(i) : ValType.I32, this::externRef);
                }
                Object[] results = func.callValues(values);
                for (int k = 0; k < results.length; k++) {
                    results[k] = WastValues.raw(results[k]);
                }
                yield results;
            }
            case "get" -> {
                Global global = instance.global(field).orElseThrow(() -> new IllegalStateException("no global " + field));
                yield new Object[] {global.type().valType().isReference() ? global.getRef() : (Object) global.get()};
            }
            default -> throw new IllegalStateException("unknown action " + action.path("type").asString());
        };
    }

    /** {@return the session's reference to the script's {@code ref.extern N}}: one per N, so results compare by value */
    private ExternRef externRef(long n) {
        return externRefs.computeIfAbsent(n, key -> ExternRef.of(store, key));
    }

    @Override
    public void close() {
        store.close();
    }
}
