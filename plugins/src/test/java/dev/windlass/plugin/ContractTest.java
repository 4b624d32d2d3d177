package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {

    /** A module exporting {@code body}'s functions beside a memory and a bump allocator. */
    private static byte[] module(String body) {
        return Wat.compile("""
                (module
                  (memory (export "memory") 1)
                  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
                  %s)
                """.formatted(body));
    }

    @WasmPlugin("calc")
    interface Calc {
        int add(int a, int b);
    }

    @WasmPlugin("greeter")
    interface Greeter {
        @WasmExport("greet-v2")
        String greet(String name);
    }

    @WasmPlugin("odd")
    interface Odd {
        char initial(String name);
    }

    interface Point {
        Coordinates move(Coordinates from);
    }

    @Test
    void aFittingModulePasses() {
        assertThatCode(() -> PluginContract.verify(Echo.class, Wat.resource("echo"))).doesNotThrowAnyException();
        assertThatCode(() -> PluginContract.verify(Greeter.class,
                module("(func (export \"greet-v2\") (param i32 i32) (result i32) (i32.const 16))")))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingExportNamesTheMethodTheExportAndItsSignature() {
        assertThatThrownBy(() -> PluginContract.verify(Calc.class, module("(func (export \"sub\") (param i32 i32) (result i32) (i32.const 0))")))
                .isInstanceOfSatisfying(PluginBindingException.class, e -> {
                    assertThat(e.plugin()).isEqualTo("calc");
                    assertThat(e.export()).isEqualTo("add");
                    assertThat(e.version()).isNull();
                })
                .hasMessageContaining("Calc.add(int, int) -> int needs export \"add\" (i32, i32) -> (i32)")
                .hasMessageContaining("which the module does not export (its functions: cabi_realloc, sub)");
    }

    @Test
    void aWrongSignatureNamesBothSignatures() {
        assertThatThrownBy(() -> PluginContract.verify(Calc.class,
                module("(func (export \"add\") (param i64 i32) (result i32) (i32.const 0))")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("Calc.add(int, int) -> int needs export \"add\" to be (i32, i32) -> (i32),"
                        + " but the module's \"add\" is (i64, i32) -> (i32)");
        assertThatThrownBy(() -> PluginContract.verify(Greeter.class,
                module("(func (export \"greet-v2\") (param i32) (result i32) (i32.const 0))")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("Greeter.greet(String) -> String needs export \"greet-v2\" to be"
                        + " (i32, i32) -> (i32), but the module's \"greet-v2\" is (i32) -> (i32)");
    }

    @Test
    void memoryAndAllocatorAreRequiredForBytes() {
        assertThatThrownBy(() -> PluginContract.verify(Greeter.class, Wat.compile("""
                (module (func (export "greet-v2") (param i32 i32) (result i32) (i32.const 0)))""")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("exports no memory named \"memory\"");
        assertThatThrownBy(() -> PluginContract.verify(Greeter.class, Wat.compile("""
                (module (memory (export "memory") 1)
                  (func (export "greet-v2") (param i32 i32) (result i32) (i32.const 0)))""")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("does not export cabi_realloc (i32, i32, i32, i32) -> (i32)");
        assertThatThrownBy(() -> PluginContract.verify(Greeter.class, Wat.compile("""
                (module (memory (export "memory") 1)
                  (func (export "cabi_realloc") (param i32 i32 i32) (result i32) (i32.const 0))
                  (func (export "greet-v2") (param i32 i32) (result i32) (i32.const 0)))""")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("cabi_realloc must be (i32, i32, i32, i32) -> (i32), but the module's is"
                        + " (i32, i32, i32) -> (i32)");
    }

    @Test
    void aPostReturnOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> PluginContract.verify(Greeter.class, module("""
                (func (export "greet-v2") (param i32 i32) (result i32) (i32.const 16))
                (func (export "cabi_post_greet-v2"))""")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("cabi_post_greet-v2 must be (i32) -> (), but the module's is () -> ()");
    }

    @Test
    void typesWithoutAWasmFormAreRefused() {
        assertThatThrownBy(() -> PluginContract.verify(Odd.class,
                module("(func (export \"initial\") (param i32 i32) (result i32) (i32.const 0))")))
                .isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("result type char has no Wasm form");
    }

    @Test
    void recordsNeedACodecAndPassWithOne() {
        byte[] wasm = module("(func (export \"move\") (param i32 i32) (result i32) (i32.const 16))");
        assertThatThrownBy(() -> PluginContract.verify(Point.class, wasm, null))
                .isInstanceOf(PluginBindingException.class).hasMessageContaining("there is no Codec");
        assertThatCode(() -> PluginContract.verify(Point.class, wasm, Codec.json())).doesNotThrowAnyException();
    }

    @Test
    void everyMisfitIsListed() {
        interface Two {
            int add(int a, int b);

            long mul(long a, long b);
        }
        assertThatThrownBy(() -> PluginContract.verify(Two.class, module("")))
                .isInstanceOf(PluginBindingException.class)
                .satisfies(e -> assertThat(((PluginBindingException) e).export()).isNull())
                .hasMessageContaining("Two.add(int, int) -> int needs export \"add\"")
                .hasMessageContaining("Two.mul(long, long) -> long needs export \"mul\" (i64, i64) -> (i64)");
    }

    @Test
    void malformedBytesAreALoadError() {
        assertThatThrownBy(() -> PluginContract.verify(Calc.class, new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}))
                .isInstanceOf(PluginLoadException.class).hasMessageStartingWith("plugin calc: not a Wasm module");
    }

    @Test
    void theRegistryChecksTheSameAtBindTime() {
        try (PluginRegistry registry = PluginRegistry.create()) {
            registry.load("calc", module("(func (export \"add\") (param i64 i64) (result i64) (i64.const 0))"));
            assertThatThrownBy(() -> registry.plugin(Calc.class))
                    .isInstanceOfSatisfying(PluginBindingException.class,
                            e -> assertThat(e.version()).isEqualTo(registry.version("calc").orElseThrow().sha256()))
                    .hasMessageContaining("but the module's \"add\" is (i64, i64) -> (i64)");
            assertThat(registry.names()).containsExactly("calc");
        }
    }

    @Test
    void jsonRecordsRoundTrip() {
        interface Json {
            @WasmExport("echoJson")
            List<Coordinates> roundTrip(List<Coordinates> points);
        }
        try (PluginRegistry registry = PluginRegistry.create()) {
            registry.load("echo", Wat.resource("echo"));
            Json json = registry.plugin("echo", Json.class);
            List<Coordinates> points = List.of(new Coordinates(1, 2), new Coordinates(-3, 4));
            assertThat(json.roundTrip(points)).isEqualTo(points);
        }
    }
}
