package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Extism plugins (they import {@code extism:host/env}) run unmodified on the kernel the host implements. */
class ExtismAbiTest {

    @WasmPlugin("extism")
    public interface Extism {
        String echo(String text);

        @WasmExport("echo")
        byte[] echoBytes(byte[] bytes);

        @WasmExport("echo")
        List<Coordinates> echoJson(List<Coordinates> points);

        void fail();

        void silentFail();

        String config(String key);

        byte[] count();

        void log();

        void wildLoad();

        void wildStore();

        void wildOutput();

        void wildInput();

        void http();

        void hog();

        @WasmExport("echo")
        String echoAfter(String text);

        String freeInput(String text);
    }

    private static void withPlugin(InstancePolicy policy, PluginLimits limits, Consumer<Extism> test) {
        try (PluginRegistry registry = PluginRegistry.builder().defaults(PluginOptions.builder().policy(policy)
                .poolSize(1).limits(limits).config(Map.of("greeting", "hej", "empty", "")).build()).build()) {
            registry.load("extism", Wat.resource("extism"));
            test.accept(registry.plugin(Extism.class));
        }
    }

    private static void withPlugin(InstancePolicy policy, Consumer<Extism> test) {
        withPlugin(policy, PluginLimits.defaults(), test);
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void inputAndOutputRoundTrip(InstancePolicy policy) {
        withPlugin(policy, extism -> {
            assertThat(extism.echo("")).isEmpty();
            assertThat(extism.echo("hello, extism")).isEqualTo("hello, extism");
            StringBuilder planes = new StringBuilder();
            for (int plane = 0; plane <= 16; plane++) {
                planes.appendCodePoint(plane == 0 ? 0xE9 : (plane << 16) | 0x0101);
            }
            assertThat(extism.echo(planes.toString())).isEqualTo(planes.toString());
            byte[] mebibyte = new byte[1 << 20];
            Arrays.fill(mebibyte, (byte) 0xA5);
            mebibyte[12345] = 1;
            assertThat(extism.echoBytes(mebibyte)).isEqualTo(mebibyte);
            List<Coordinates> points = List.of(new Coordinates(5, 6));
            assertThat(extism.echoJson(points)).isEqualTo(points);
        });
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void aNonZeroStatusIsThePluginsErrorAndTheInstanceGoesOn(InstancePolicy policy) {
        withPlugin(policy, extism -> {
            assertThat(extism.count()).containsExactly(1);
            assertThatThrownBy(extism::fail).isInstanceOfSatisfying(PluginErrorException.class, e -> {
                assertThat(e.status()).isEqualTo(1);
                assertThat(e.guestMessage()).isEqualTo("it failed");
                assertThat(e.export()).isEqualTo("fail");
            }).hasMessageEndingWith(", export fail: it failed");
            assertThatThrownBy(extism::silentFail).isInstanceOf(PluginErrorException.class)
                    .hasMessageContaining("returned status 7 without an error message");
            // the instance that reported the errors keeps its vars (but a fresh one per call has none)
            assertThat(extism.count()).containsExactly(policy == InstancePolicy.PER_CALL ? 1 : 2);
        });
    }

    @Test
    void configAndVarsFollowThePolicy() {
        withPlugin(InstancePolicy.SHARED, extism -> {
            assertThat(extism.config("greeting")).isEqualTo("hej");
            assertThat(extism.config("empty")).isEmpty();
            assertThat(extism.config("missing")).isEmpty();
            assertThat(extism.count()).containsExactly(1);
            assertThat(extism.count()).containsExactly(2);
            assertThat(extism.count()).containsExactly(3);
            extism.log();
        });
        withPlugin(InstancePolicy.PER_CALL, extism -> {
            assertThat(extism.count()).containsExactly(1);
            assertThat(extism.count()).containsExactly(1);
        });
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void kernelAccessesOutsideItsMemoryAreRefused(InstancePolicy policy) {
        withPlugin(policy, extism -> {
            assertThatThrownBy(extism::wildLoad).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("export wildLoad: load_u64 of 8 bytes at offset 549755813632 is outside"
                            + " the kernel memory");
            assertThatThrownBy(extism::wildStore).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("store_u8 of 1 bytes at offset 18446744073709551615");
            assertThatThrownBy(extism::wildOutput).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("output_set of 1000000 bytes at offset 16");
            assertThatThrownBy(extism::wildInput).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("input_load_u64 at input index 0 is outside the input of 0 bytes");
            assertThatThrownBy(extism::http).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("http_request is not allowed");
            assertThat(extism.echoAfter("still here")).isEqualTo("still here");
            assertThat(extism.freeInput("gone")).isEmpty();
        });
    }

    @Test
    void theKernelObeysTheMemoryLimit() {
        PluginLimits limits = PluginLimits.builder().maxMemoryBytes(1 << 20).maxOutputBytes(100).build();
        withPlugin(InstancePolicy.SHARED, limits, extism -> {
            assertThatThrownBy(extism::hog).isInstanceOfSatisfying(PluginErrorException.class,
                    e -> assertThat(e.status()).isEqualTo(2)); // alloc returned 0
            assertThatThrownBy(() -> extism.echoBytes(new byte[2 << 20]))
                    .isInstanceOfSatisfying(PluginLimitExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(Limit.MEMORY_BYTES));
            assertThatThrownBy(() -> extism.echo("x".repeat(101)))
                    .isInstanceOfSatisfying(PluginLimitExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT_BYTES));
            assertThat(extism.echo("x".repeat(100))).hasSize(100);
        });
    }

    @Test
    void extismExportsBindAsExtismExports() {
        interface Numbers {
            int echo(int value);
        }
        interface Missing {
            String reverse(String text);
        }
        byte[] wasm = Wat.resource("extism");
        assertThatThrownBy(() -> PluginContract.verify(Numbers.class, wasm)).isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("an Extism plugin's export takes at most one input and gives one output");
        assertThatThrownBy(() -> PluginContract.verify(Missing.class, wasm)).isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("Missing.reverse(String) -> String needs Extism export \"reverse\" () -> (i32),"
                        + " which the module does not export");
        byte[] typed = Wat.compile("""
                (module (import "extism:host/env" "alloc" (func (param i64) (result i64)))
                  (func (export "reverse") (param i32) (result i32) (i32.const 0)))""");
        assertThatThrownBy(() -> PluginContract.verify(Missing.class, typed)).isInstanceOf(PluginBindingException.class)
                .hasMessageContaining("needs Extism export \"reverse\" to be () -> (i32), but the module's \"reverse\""
                        + " is (i32) -> (i32)");
    }

    @Test
    void userHostFunctionsReachTheKernelMemory() {
        interface Upper {
            String shout(String text);
        }
        byte[] wasm = Wat.compile("""
                (module
                  (import "extism:host/env" "input_offset" (func $input_offset (result i64)))
                  (import "extism:host/env" "length" (func $length (param i64) (result i64)))
                  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
                  (import "extism:host/user" "upper" (func $upper (param i64) (result i64)))
                  (func (export "shout") (result i32)
                    (local $out i64)
                    (local.set $out (call $upper (call $input_offset)))
                    (call $output_set (local.get $out) (call $length (local.get $out)))
                    (i32.const 0)))""");
        PluginImports imports = linker -> linker.define("extism:host/user", "upper",
                new FuncType(List.of(ValType.I64), List.of(ValType.I64)),
                call -> call.setI64(0, ExtismUserMemory.allocate(
                        ExtismUserMemory.string(call.i64(0)).toUpperCase(java.util.Locale.ROOT))));
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().imports(imports).build()).build()) {
            registry.load("upper", wasm);
            assertThat(registry.plugin("upper", Upper.class).shout("quiet, please")).isEqualTo("QUIET, PLEASE");
        }
        assertThatThrownBy(() -> ExtismUserMemory.bytes(16)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Extism plugin call is running");
    }

    @Test
    void unknownKernelImportsFailToLoad() {
        byte[] wasm = Wat.compile("""
                (module (import "extism:host/user" "lookup" (func (param i64) (result i64)))
                  (import "extism:host/env" "alloc" (func (param i64) (result i64))))""");
        try (PluginRegistry registry = PluginRegistry.create()) {
            assertThatThrownBy(() -> registry.load("user", wasm)).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("extism:host/user.lookup");
        }
        assertThat("ok".getBytes(StandardCharsets.UTF_8)).hasSize(2);
    }
}
