package dev.windlass.sandbox;

import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies imports by module and name: host functions, globals, and the exports of other
 * instances, then instantiates modules against them. Not thread-safe while being defined;
 * instantiation only reads it.
 */
public final class Linker {

    sealed interface Definition
            permits HostDefinition, FuncDefinition, GlobalDefinition, MemoryDefinition, TableDefinition {
    }

    record TableDefinition(Table table) implements Definition {
    }

    record MemoryDefinition(Memory memory) implements Definition {
    }

    record HostDefinition(FuncType type, HostFunction function) implements Definition {
    }

    record FuncDefinition(Func func) implements Definition {
    }

    record GlobalDefinition(Global global) implements Definition {
    }

    private final Map<String, Definition> definitions = new HashMap<>();
    private boolean allowShadowing;

    /** Lets a later definition of a name replace an earlier one (as the spec scripts' {@code register} needs). */
    public Linker allowShadowing(boolean allow) {
        this.allowShadowing = allow;
        return this;
    }

    /**
     * Defines a host function of type {@code type} as {@code module.name}.
     *
     * @throws IllegalArgumentException if that name is defined already (and shadowing is off)
     */
    public Linker define(String module, String name, FuncType type, HostFunction function) {
        return put(module, name, new HostDefinition(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(function, "function")));
    }

    /** Defines {@code global} as {@code module.name}. */
    public Linker define(String module, String name, Global global) {
        return put(module, name, new GlobalDefinition(Objects.requireNonNull(global, "global")));
    }

    /** Defines {@code memory} as {@code module.name}. */
    public Linker define(String module, String name, Memory memory) {
        return put(module, name, new MemoryDefinition(Objects.requireNonNull(memory, "memory")));
    }

    /** Defines {@code table} as {@code module.name}. */
    public Linker define(String module, String name, Table table) {
        return put(module, name, new TableDefinition(Objects.requireNonNull(table, "table")));
    }

    /** Defines every function, global, memory and table {@code instance} exports, under module name {@code module}. */
    public Linker instance(String module, Instance instance) {
        for (Export export : instance.module().exports()) {
            switch (export.kind()) {
                case FUNC -> put(module, export.name(), new FuncDefinition(instance.func(export.name()).orElseThrow()));
                case GLOBAL -> put(module, export.name(), new GlobalDefinition(instance.global(export.name()).orElseThrow()));
                case MEMORY -> put(module, export.name(), new MemoryDefinition(instance.memory(export.name()).orElseThrow()));
                case TABLE -> put(module, export.name(), new TableDefinition(instance.table(export.name()).orElseThrow()));
            }
        }
        return this;
    }

    private Linker put(String module, String name, Definition definition) {
        String key = key(module, name);
        if (allowShadowing) {
            definitions.put(key, definition);
        } else if (definitions.putIfAbsent(key, definition) != null) {
            throw new IllegalArgumentException(module + "." + name + " is defined already");
        }
        return this;
    }

    private static String key(String module, String name) {
        return module + '\u0000' + name;
    }

    /**
     * Instantiates {@code module} in {@code store}: links its imports, initializes its globals,
     * runs its start function.
     *
     * @throws LinkException if an import is missing or has the wrong kind or type
     * @throws WasmTrap      if the start function traps
     */
    public Instance instantiate(Store store, Module module) {
        return instantiatePre(module).instantiate(store);
    }

    /**
     * Resolves {@code module}'s imports once (Wasmtime's {@code instantiate_pre}): the
     * {@link InstancePre} it returns instantiates the module in any number of stores without
     * looking anything up again, and is not affected by later definitions in this linker.
     *
     * @throws LinkException if an import is not defined, or a host function's type differs
     */
    public InstancePre instantiatePre(Module module) {
        List<Import> imports = module.imports();
        Definition[] resolved = new Definition[imports.size()];
        for (int i = 0; i < resolved.length; i++) {
            Import imp = imports.get(i);
            Definition definition = definitions.get(key(imp.module(), imp.name()));
            if (definition == null) {
                throw new LinkException("unknown import: import " + imp.module() + "." + imp.name() + " ("
                        + imp.type() + ") is not defined");
            }
            if (imp.type() instanceof FuncTypeRef ref && definition instanceof HostDefinition host) {
                checkType("import " + imp.module() + "." + imp.name(), module.wasm().types().get(ref.typeIndex()),
                        host.type());
            }
            resolved[i] = definition;
        }
        return new InstancePre(module, resolved);
    }

    /** Instantiates {@code module} in {@code store} with the definitions {@code resolved} for its imports, in order. */
    static Instance link(Store store, Module module, Definition[] resolved) {
        // Instantiation writes the store's native memory: it must not overlap close().
        boolean claimed = store.beginAccess();
        try {
            return linkClaimed(store, module, resolved);
        } finally {
            store.endAccess(claimed);
        }
    }

    private static Instance linkClaimed(Store store, Module module, Definition[] resolved) {
        Instance instance = new Instance(store, module);
        int function = 0;
        int global = 0;
        int memory = 0;
        int table = 0;
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            String what = "import " + imp.module() + "." + imp.name();
            Definition definition = resolved[i];
            switch (imp.type()) {
                case FuncTypeRef ref -> {
                    FuncType expected = module.wasm().types().get(ref.typeIndex());
                    switch (definition) {
                        case HostDefinition host -> {
                            checkType(what, expected, host.type());
                            instance.linkHostFunction(function, host.type(), host.function());
                        }
                        case FuncDefinition f -> {
                            // Another store's function runs with its instance's context, whose
                            // runtime block (the stack pointer a trap unwinds to, the stack limit)
                            // belongs to the other store and is not set up by this store's entry:
                            // a trap in it would unwind to a stale stack pointer and crash the JVM.
                            // It would also escape that store's one-thread rule and its close().
                            if (f.func().store() != store) {
                                throw new LinkException("incompatible import: " + what
                                        + " is a function of another store");
                            }
                            checkType(what, expected, f.func().type());
                            instance.linkFunction(function, f.func());
                        }
                        case GlobalDefinition g -> throw incompatible(what, "a function", "a global");
                    case MemoryDefinition m -> throw incompatible(what, "a function", "a memory");
                    case TableDefinition t -> throw incompatible(what, "a function", "a table");
                    }
                    function++;
                }
                case GlobalType expected -> {
                    if (!(definition instanceof GlobalDefinition g)) {
                        throw incompatible(what, "a global", "something else");
                    }
                    if (!g.global().type().equals(expected)) {
                        throw new LinkException("incompatible import type: " + what + " expects " + expected
                                + ", the definition is " + g.global().type());
                    }
                    instance.linkGlobal(global++, g.global());
                }
                case MemoryType expected -> {
                    if (!(definition instanceof MemoryDefinition m)) {
                        throw incompatible(what, "a memory", "something else");
                    }
                    checkMemory(what, expected, m.memory());
                    instance.linkMemory(memory++, m.memory());
                }
                case TableType expected -> {
                    if (!(definition instanceof TableDefinition t)) {
                        throw incompatible(what, "a table", "something else");
                    }
                    checkTable(what, expected, t.table());
                    instance.linkTable(table++, t.table());
                }
                default -> throw new IllegalStateException("unreachable: " + imp.type());
            }
        }
        instance.initialize();
        return instance;
    }

    private static void checkMemory(String what, MemoryType expected, Memory actual) {
        var limits = actual.type().limits();
        boolean ok = expected.is64() == actual.type().is64()
                && actual.pages() >= expected.limits().min()
                && (!expected.limits().hasMax() || (limits.hasMax() && limits.max() <= expected.limits().max()));
        if (!ok) {
            throw new LinkException("incompatible import type: " + what + " expects " + expected + ", the definition is "
                    + actual.type() + " with " + actual.pages() + " pages");
        }
    }

    private static void checkTable(String what, TableType expected, Table actual) {
        var limits = actual.type().limits();
        boolean ok = expected.elementType() == actual.type().elementType()
                && expected.is64() == actual.type().is64()
                && actual.size() >= expected.limits().min()
                && (!expected.limits().hasMax() || (limits.hasMax() && limits.max() <= expected.limits().max()));
        if (!ok) {
            throw new LinkException("incompatible import type: " + what + " expects " + expected + ", the definition is "
                    + actual.type() + " with " + actual.size() + " elements");
        }
    }

    private static void checkType(String what, FuncType expected, FuncType actual) {
        if (!expected.equals(actual)) {
            throw new LinkException("incompatible import type: " + what + " expects " + expected + ", the definition is "
                    + actual);
        }
    }

    private static LinkException incompatible(String what, String expected, String actual) {
        return new LinkException("incompatible import type: " + what + " expects " + expected + ", the definition is "
                + actual);
    }
}
