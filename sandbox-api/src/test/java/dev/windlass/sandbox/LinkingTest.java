package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolving the imports of {@code wat/imports.wat}: what links, and what is refused and how. */
class LinkingTest {

    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    private static final HostFunction TWICE = call -> call.setI32(0, 2 * call.i32(0));

    private Engine engine;
    private Store store;
    private Module module;

    @BeforeEach
    void compile() {
        engine = Engine.create();
        store = Store.create(engine);
        module = TestModules.compile(engine, "imports");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Global g(long value) {
        return Global.create(store, new GlobalType(ValType.I32, false), value);
    }

    private Global mg(long value) {
        return Global.create(store, new GlobalType(ValType.I64, true), value);
    }

    @Test
    void everyImportDefinedLinksAndIsUsed() {
        Global g = g(7);
        Global mg = mg(1L << 40);
        Instance instance = new Linker()
                .define("env", "f", I32_TO_I32, TWICE)
                .define("env", "g", g)
                .define("env", "mg", mg)
                .instantiate(store, module);
        assertThat(instance.func("call_f").orElseThrow().callI32(21)).isEqualTo(42);
        assertThat(instance.func("read").orElseThrow().callI64()).isEqualTo(7 + (1L << 40));
        mg.set(-8);
        assertThat(instance.func("read").orElseThrow().callI64()).isEqualTo(-1);
        instance.func("write_mg").orElseThrow().call(123);
        assertThat(mg.get()).isEqualTo(123);
    }

    @Test
    void missingFunctionImportNamesModuleAndName() {
        Linker linker = new Linker().define("env", "g", g(1)).define("env", "mg", mg(2));
        assertThatThrownBy(() -> linker.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.f");
    }

    @Test
    void missingGlobalImportNamesModuleAndName() {
        Linker linker = new Linker().define("env", "f", I32_TO_I32, TWICE).define("env", "g", g(1));
        assertThatThrownBy(() -> linker.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.mg");
    }

    @Test
    void functionOfTheWrongTypeIsRefused() {
        FuncType i64ToI32 = new FuncType(List.of(ValType.I64), List.of(ValType.I32));
        Linker linker = new Linker().define("env", "f", i64ToI32, TWICE).define("env", "g", g(1))
                .define("env", "mg", mg(2));
        assertThatThrownBy(() -> linker.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.f");
        FuncType noResult = new FuncType(List.of(ValType.I32), List.of());
        Linker other = new Linker().define("env", "f", noResult, call -> { }).define("env", "g", g(1))
                .define("env", "mg", mg(2));
        assertThatThrownBy(() -> other.instantiate(store, module)).isInstanceOf(LinkException.class);
    }

    @Test
    void globalOfTheWrongValueTypeIsRefused() {
        Global i64Global = Global.create(store, new GlobalType(ValType.I64, false), 1);
        Linker linker = new Linker().define("env", "f", I32_TO_I32, TWICE).define("env", "g", i64Global)
                .define("env", "mg", mg(2));
        assertThatThrownBy(() -> linker.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.g");
    }

    @Test
    void globalOfTheWrongMutabilityIsRefused() {
        Global immutable = Global.create(store, new GlobalType(ValType.I64, false), 1);
        Linker linker = new Linker().define("env", "f", I32_TO_I32, TWICE).define("env", "g", g(1))
                .define("env", "mg", immutable);
        assertThatThrownBy(() -> linker.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.mg");
        Global mutable = Global.create(store, new GlobalType(ValType.I32, true), 1);
        Linker other = new Linker().define("env", "f", I32_TO_I32, TWICE).define("env", "g", mutable)
                .define("env", "mg", mg(2));
        assertThatThrownBy(() -> other.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.g");
    }

    @Test
    void definitionOfTheWrongKindIsRefused() {
        Linker globalForFunction = new Linker().define("env", "f", g(3)).define("env", "g", g(1))
                .define("env", "mg", mg(2));
        assertThatThrownBy(() -> globalForFunction.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.f");
        Linker functionForGlobal = new Linker().define("env", "f", I32_TO_I32, TWICE)
                .define("env", "g", I32_TO_I32, TWICE).define("env", "mg", mg(2));
        assertThatThrownBy(() -> functionForGlobal.instantiate(store, module))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("env.g");
    }

    @Test
    void globalOfAnotherStoreIsRefused() {
        try (Store other = Store.create(engine)) {
            Global foreign = Global.create(other, new GlobalType(ValType.I32, false), 1);
            Linker linker = new Linker().define("env", "f", I32_TO_I32, TWICE).define("env", "g", foreign)
                    .define("env", "mg", mg(2));
            assertThatThrownBy(() -> linker.instantiate(store, module)).isInstanceOf(LinkException.class);
        }
    }

    @Test
    void immutableGlobalCannotBeSet() {
        Global g = g(5);
        assertThatThrownBy(() -> g.set(6)).isInstanceOf(IllegalStateException.class);
        assertThat(g.get()).isEqualTo(5);
        Global mutable = mg(5);
        mutable.set(6);
        assertThat(mutable.get()).isEqualTo(6);
    }

    @Test
    void definingANameTwiceIsRefused() {
        Linker linker = new Linker().define("env", "f", I32_TO_I32, TWICE);
        assertThatThrownBy(() -> linker.define("env", "f", I32_TO_I32, TWICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env.f");
    }

    @Test
    void moduleOfAnotherEngineIsRefused() {
        Module foreign = TestModules.compile(Engine.create(), "control");
        assertThatThrownBy(() -> new Linker().instantiate(store, foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Regression: the linker used to accept another store's function. Its code runs with its own
     * instance's context, whose runtime block belongs to the other store; a trap in it (e.g.
     * lib.divide by zero called through such an import) unwound to that block's stale saved
     * stack pointer and killed the JVM with SIGSEGV (exit 139, no hs_err file).
     */
    @Test
    void functionOfAnotherStoreIsRefused() {
        try (Store other = Store.create(engine)) {
            Instance lib = TestModules.instantiate(other, "lib");
            Linker linker = new Linker().instance("lib", lib);
            Module importer = TestModules.compile(engine, "importer");
            assertThatThrownBy(() -> linker.instantiate(store, importer))
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("lib.triple")
                    .hasMessageContaining("another store");
            // within its own store the same linker works
            assertThat(linker.instantiate(other, importer).func("call_triple").orElseThrow().callI32(5)).isEqualTo(15);
        }
    }

    @Test
    void startFunctionRunsAtInstantiation() {
        Instance instance = new Linker().define("env", "fail", g(0))
                .instantiate(store, TestModules.compile(engine, "start"));
        assertThat(instance.global("g").orElseThrow().get()).isEqualTo(42);
    }

    @Test
    void trappingStartFunctionFailsInstantiationAndLeavesTheStoreUsable() {
        Module start = TestModules.compile(engine, "start");
        WasmTrap trap = org.assertj.core.api.Assertions.catchThrowableOfType(WasmTrap.class,
                () -> new Linker().define("env", "fail", g(1)).instantiate(store, start));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.UNREACHABLE);
        assertThat(trap.getMessage()).contains("($start)");
        Instance instance = new Linker().define("env", "fail", g(0)).instantiate(store, start);
        assertThat(instance.global("g").orElseThrow().get()).isEqualTo(42);
    }

    @Test
    void aMemoryIsInitializedFromItsDataSharedWithTheHostAndGrownInPlace() {
        Instance instance = new Linker().instantiate(store, TestModules.compile(engine, "memory"));
        Memory memory = instance.memory("memory").orElseThrow();

        assertThat(memory.readString(16, 5)).isEqualTo("hello");
        assertThat(instance.func("load8").orElseThrow().callI32(17)).isEqualTo('e');
        instance.func("store32").orElseThrow().call(100, 0x01020304);
        assertThat(memory.read(100, 4)).containsExactly(4, 3, 2, 1);

        assertThat(instance.func("grow").orElseThrow().callI32(2)).isEqualTo(1);
        assertThat(instance.func("size").orElseThrow().callI32()).isEqualTo(3);
        assertThat(memory.pages()).isEqualTo(3);
        assertThat(instance.func("grow").orElseThrow().callI32(1)).isEqualTo(-1);
        assertThatThrownBy(() -> instance.func("load8").orElseThrow().callI32(3 * 65536))
                .isInstanceOf(WasmTrap.class)
                .satisfies(t -> assertThat(((WasmTrap) t).trapCode()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS));
    }
}
