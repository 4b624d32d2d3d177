package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.sandbox.TrapCode;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A plugin's own imports: host functions the application offers it. */
class ImportsTest {

    @WasmPlugin("logger")
    public interface Logger {
        /** Logs {@code text} through the host, {@return the host's answer} */
        int shout(String text);

        void boom();
    }

    private static final byte[] GUEST = Wat.compile("""
            (module
              (import "app" "log" (func $log (param i32 i32) (result i32)))
              (import "app" "fail" (func $fail))
              (memory (export "memory") 1)
              (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
              (func (export "shout") (param i32 i32) (result i32) (call $log (local.get 0) (local.get 1)))
              (func (export "boom") (call $fail)))""");

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void hostFunctionsReadTheCallersMemoryAndTheirExceptionsBecomeTraps(InstancePolicy policy) {
        List<String> logged = new CopyOnWriteArrayList<>();
        PluginImports imports = linker -> linker
                .define("app", "log", new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)), call -> {
                    logged.add(call.callerMemory().readString(call.i32(0), call.i32(1)));
                    call.setI32(0, 7);
                })
                .define("app", "fail", FuncType.EMPTY, call -> {
                    throw new IllegalStateException("the host said no");
                });
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(policy).imports(imports).build()).build()) {
            registry.load("logger", GUEST);
            Logger logger = registry.plugin(Logger.class);
            assertThat(logger.shout("hello host")).isEqualTo(7);
            assertThat(logged).containsExactly("hello host");
            assertThatThrownBy(logger::boom).isInstanceOfSatisfying(PluginTrapException.class,
                    e -> assertThat(e.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the host said no");
            assertThat(logger.shout("again")).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void missingImportsFailTheLoad(InstancePolicy policy) {
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(policy).build()).build()) {
            assertThatThrownBy(() -> registry.load("logger", GUEST)).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("app.log");
        }
    }
}
