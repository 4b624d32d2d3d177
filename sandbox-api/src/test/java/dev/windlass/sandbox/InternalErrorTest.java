package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Java exception inside a runtime builtin is a bug of the runtime, not a Wasm failure: the call
 * throws {@link WasmInternalError} with it as the cause, never a trap such as OUT_OF_BOUNDS. The
 * tests provoke one by breaking the builtins' registry: the context of the calling instance is
 * mapped to another instance, one without a memory, or to nothing at all.
 */
class InternalErrorTest {

    private final Store store = Store.create(Engine.create());
    private final Instance plugin = TestModules.instantiate(store, "internal_error");
    private final Instance memoryless = TestModules.instantiate(store, "control");

    @AfterEach
    void restoreRegistryAndClose() {
        RuntimeBuiltins.register(plugin.contextAddress(), plugin);
        store.close();
    }

    private Func func(String name) {
        return plugin.func(name).orElseThrow();
    }

    @Test
    void anExceptionInATrappingBuiltinIsAnInternalErrorNotAnOutOfBoundsTrap() {
        RuntimeBuiltins.register(plugin.contextAddress(), memoryless); // memory(0) of it throws

        WasmInternalError error = catchThrowableOfType(WasmInternalError.class, () -> func("fill").call(0, 7, 16));

        assertThat(error).isNotInstanceOf(WasmTrap.class).hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(error.getMessage()).contains("internal error");
    }

    @Test
    void anExceptionInAGrowthSurfacesWhenTheCallReturnsInsteadOfAPlainMinusOne() {
        RuntimeBuiltins.register(plugin.contextAddress(), memoryless);

        WasmInternalError error = catchThrowableOfType(WasmInternalError.class, () -> func("grow").callI32(1));

        assertThat(error).hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void aBuiltinWithNoLiveInstanceForItsContextIsAnInternalError() {
        RuntimeBuiltins.unregister(plugin.contextAddress());

        WasmInternalError error = catchThrowableOfType(WasmInternalError.class, () -> func("fill").call(0, 7, 16));

        assertThat(error).hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void theStoreWorksAgainOnceTheRegistryIsRightAndRealFailuresStayTraps() {
        RuntimeBuiltins.register(plugin.contextAddress(), memoryless);
        catchThrowableOfType(WasmInternalError.class, () -> func("fill").call(0, 7, 16));
        RuntimeBuiltins.register(plugin.contextAddress(), plugin);

        func("fill").call(0, 7, 16);
        assertThat(plugin.memory("memory").orElseThrow().read(15, 2)).containsExactly(7, 0);
        assertThat(func("grow").callI32(1)).isEqualTo(1);
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func("fill").call(0, 7, 1L << 20));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        assertThat(func("grow").callI32(100)).isEqualTo(-1);
    }
}
