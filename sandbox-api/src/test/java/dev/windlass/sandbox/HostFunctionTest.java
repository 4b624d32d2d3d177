package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host functions called from {@code wat/host.wat}: arguments and results, re-entry into the
 * calling instance, and every kind of throwable coming back to the Java caller as the cause of a
 * HOST_EXCEPTION trap; and functions imported from another instance ({@code lib.wat} into
 * {@code user.wat}).
 */
class HostFunctionTest {

    private static final FuncType ADD3 = new FuncType(List.of(ValType.I32, ValType.I32, ValType.I32),
            List.of(ValType.I32));
    private static final FuncType MIX = new FuncType(List.of(ValType.I64, ValType.I32, ValType.I64),
            List.of(ValType.I64, ValType.I32));
    private static final FuncType CALLBACK = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    private static final FuncType FAIL = new FuncType(List.of(ValType.I32), List.of());

    private Store store;
    private Instance instance;
    private final List<String> seen = new ArrayList<>();
    /** What {@code env.fail} throws, if anything. */
    private final AtomicReference<Throwable> toThrow = new AtomicReference<>();
    /** What {@code env.callback} does. */
    private final AtomicReference<HostFunction> callback = new AtomicReference<>();

    @BeforeEach
    void instantiate() {
        store = Store.create(Engine.create());
        instance = new Linker()
                .define("env", "add3", ADD3, call -> {
                    seen.add("add3(" + call.i32(0) + ", " + call.i32(1) + ", " + call.i32(2) + ")");
                    call.setI32(0, call.i32(0) + call.i32(1) + call.i32(2));
                })
                .define("env", "mix", MIX, call -> {
                    seen.add("mix(" + call.i64(0) + ", " + call.i32(1) + ", " + call.i64(2) + ")");
                    long a = call.i64(0);
                    int b = call.i32(1);
                    long c = call.i64(2);
                    call.setI64(0, a * c);
                    call.setI32(1, b - 1);
                })
                .define("env", "callback", CALLBACK, call -> callback.get().call(call))
                .define("env", "fail", FAIL, call -> {
                    seen.add("fail(" + call.i32(0) + ")");
                    Throwable t = toThrow.get();
                    if (t instanceof Exception e) {
                        throw e;
                    }
                    if (t instanceof Error e) {
                        throw e;
                    }
                })
                .instantiate(store, TestModules.compile(store.engine(), "host"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    @Test
    void aHostFunctionReadsAndWritesItsCallersMemory() {
        FuncType greetType = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
        AtomicReference<Instance> caller = new AtomicReference<>();
        Instance greeter = new Linker()
                .define("host", "greet", greetType, call -> {
                    caller.set(call.caller().orElseThrow());
                    Memory memory = call.callerMemory();
                    String text = memory.readString(call.i32(0), call.i32(1));
                    seen.add(text);
                    memory.write(0, new byte[] {(byte) text.length(), 0, 0, 0});
                    call.setI32(0, text.length() + 1);
                })
                .instantiate(store, TestModules.compile(store.engine(), "caller"));

        assertThat(greeter.func("run").orElseThrow().callI32()).isEqualTo(11);
        assertThat(seen).containsExactly("hello");
        assertThat(caller.get()).isSameAs(greeter);
    }

    @Test
    void theCallersMemoryBytesLiveOnlyAsLongAsTheCall() {
        FuncType greetType = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
        AtomicReference<MemorySegment> kept = new AtomicReference<>();
        Instance greeter = new Linker()
                .define("host", "greet", greetType, call -> {
                    MemorySegment bytes = call.callerMemoryBytes();
                    byte[] text = bytes.asSlice(call.i32(0), call.i32(1)).toArray(ValueLayout.JAVA_BYTE);
                    seen.add(new String(text, StandardCharsets.UTF_8));
                    bytes.set(ValueLayout.JAVA_INT_UNALIGNED, 0, text.length);
                    kept.set(bytes);
                    call.setI32(0, text.length + 1);
                })
                .instantiate(store, TestModules.compile(store.engine(), "caller"));

        assertThat(greeter.func("run").orElseThrow().callI32()).isEqualTo(11);
        assertThat(seen).containsExactly("hello");
        assertThat(greeter.memory("memory").orElseThrow().read(0, 1)).containsExactly(5);
        assertThatThrownBy(() -> kept.get().get(ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostFunctionCalledFromJavaHasNoCaller() {
        AtomicReference<Boolean> hadCaller = new AtomicReference<>();
        Func direct = Func.host(store, CALLBACK, call -> {
            hadCaller.set(call.caller().isPresent());
            call.setI32(0, call.i32(0));
        });
        assertThat(direct.callI32(4)).isEqualTo(4);
        assertThat(hadCaller.get()).isFalse();
    }

    @Test
    void hostFunctionReceivesArgumentsAndReturnsAResult() {
        assertThat(func("use_add3").callI32(1, 20, 300)).isEqualTo(642);
        assertThat(func("use_add3").callI32(Integer.MAX_VALUE, 1, 0)).isEqualTo(0);
        assertThat(func("use_add3").callI32(-1, -2, -3)).isEqualTo(-12);
        assertThat(seen).containsExactly("add3(1, 20, 300)", "add3(2147483647, 1, 0)", "add3(-1, -2, -3)");
    }

    @Test
    void hostFunctionWithI64ParamsAndTwoResults() {
        assertThat(func("use_mix").callI64(1L << 40, -7, 3)).isEqualTo((3L << 40) + -8 * 1000L);
        assertThat(func("use_mix").callI64(Long.MIN_VALUE, Integer.MIN_VALUE, 1))
                .isEqualTo(Long.MIN_VALUE + (long) Integer.MAX_VALUE * 1000);
        assertThat(seen).containsExactly("mix(1099511627776, -7, 3)",
                "mix(-9223372036854775808, -2147483648, 1)");
    }

    @Test
    void valuesLiveInWasmSurviveAHostCall() {
        for (int x : new int[] {0, 1, -5, 1 << 20}) {
            assertThat(func("live_across_host").callI32(x)).isEqualTo(3 * x + (x + 110) + x);
        }
    }

    @Test
    void hostFunctionCallsBackIntoTheSameInstance() {
        callback.set(call -> call.setI32(0, func("square").callI32(call.i32(0)) + 1));
        assertThat(func("reenter").callI32(12)).isEqualTo(1000 + 145);
        assertThat(func("reenter").callI32(-3)).isEqualTo(1000 + 10);
    }

    @Test
    void reentryNestsSeveralLevels() {
        // callback(n) = n == 0 ? 0 : reenter(n - 1) + 1, i.e. reenter(n) = 1000 * (n + 1) + n
        callback.set(call -> {
            int n = call.i32(0);
            call.setI32(0, n == 0 ? 0 : func("reenter").callI32(n - 1) + 1);
        });
        assertThat(func("reenter").callI32(10)).isEqualTo(1000 * 11 + 10);
    }

    @Test
    void trapInsideAReentrantCallThatTheHostCatchesLetsWasmContinue() {
        callback.set(call -> {
            try {
                call.setI32(0, func("divide").callI32(1, call.i32(0)));
            } catch (WasmTrap trap) {
                call.setI32(0, trap.trapCode() == TrapCode.INTEGER_DIVIDE_BY_ZERO ? -1 : -2);
            }
        });
        assertThat(func("reenter").callI32(0)).isEqualTo(999);
        assertThat(func("reenter").callI32(1)).isEqualTo(1001);
    }

    @Test
    void trapInsideAReentrantCallThatTheHostDoesNotCatchBecomesTheCause() {
        callback.set(call -> call.setI32(0, func("divide").callI32(1, call.i32(0))));
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func("reenter").call(0));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
        assertThat(trap.getCause()).isInstanceOf(WasmTrap.class);
        assertThat(((WasmTrap) trap.getCause()).trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(func("reenter").callI32(1)).isEqualTo(1001);
    }

    @Test
    void runtimeExceptionThrownByHostIsTheCauseOfTheTrap() {
        assertHostThrowableComesBack(new IllegalArgumentException("bad plugin input"));
    }

    @Test
    void checkedExceptionThrownByHostIsTheCauseOfTheTrap() {
        assertHostThrowableComesBack(new IOException("disk on fire"));
    }

    @Test
    void stackOverflowErrorThrownByHostIsTheCauseOfTheTrap() {
        assertHostThrowableComesBack(new StackOverflowError("made, not reached"));
    }

    @Test
    void assertionErrorThrownByHostIsTheCauseOfTheTrap() {
        assertHostThrowableComesBack(new AssertionError("host invariant"));
    }

    @Test
    void aHostExceptionDoesNotLeakIntoTheNextTrap() {
        toThrow.set(new IllegalStateException("first"));
        catchThrowableOfType(WasmTrap.class, () -> func("call_fail").call(1));
        WasmTrap division = catchThrowableOfType(WasmTrap.class, () -> func("divide").call(1, 0));
        assertThat(division.trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(division.getCause()).isNull();
    }

    private void assertHostThrowableComesBack(Throwable thrown) {
        toThrow.set(thrown);
        for (int round = 0; round < 3; round++) {
            long arg = round;
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func("call_fail").call(arg));
            assertThat(trap).as("a trap").isNotNull();
            assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
            assertThat(trap.getCause()).isSameAs(thrown);
            assertThat(trap.getMessage()).contains(TrapCode.HOST_EXCEPTION.message());
        }
        // the JVM lives and the store is usable
        toThrow.set(null);
        assertThat(func("call_fail").callI32(9)).isEqualTo(5);
        assertThat(func("use_add3").callI32(1, 2, 3)).isEqualTo(12);
        assertThat(seen).containsExactly("fail(0)", "fail(1)", "fail(2)", "fail(9)", "add3(1, 2, 3)");
    }

    @Test
    void functionsAndGlobalsImportedFromAnotherInstance() {
        Instance lib = TestModules.instantiate(store, "lib");
        Instance user = new Linker().instance("lib", lib).instantiate(store, TestModules.compile(store.engine(), "user"));
        Func triplePlusOne = user.func("triple_plus_one").orElseThrow();

        assertThat(triplePlusOne.callI32(14)).isEqualTo(43);
        assertThat(triplePlusOne.callI32(-1)).isEqualTo(-2);
        // lib's code ran with lib's globals, user's with user's
        assertThat(lib.global("count").orElseThrow().get()).isEqualTo(2);
        assertThat(user.func("count_seen").orElseThrow().callI32()).isEqualTo(2);
        assertThat(user.func("own").orElseThrow().callI32()).isEqualTo(1002);
        lib.global("count").orElseThrow().set(40);
        assertThat(user.func("count_seen").orElseThrow().callI32()).isEqualTo(40);
        assertThat(lib.func("triple").orElseThrow().callI32(5)).isEqualTo(15);
        assertThat(user.func("count_seen").orElseThrow().callI32()).isEqualTo(41);
    }

    @Test
    void trapInAnImportedInstanceFunctionNamesThatFunction() {
        Instance lib = TestModules.instantiate(store, "lib");
        Instance user = new Linker().instance("lib", lib).instantiate(store, TestModules.compile(store.engine(), "user"));
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> user.func("call_divide").orElseThrow().call(1, 0));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(trap.functionIndex()).isEqualTo(1);
        assertThat(trap.getMessage()).contains("($lib_divide)");
        assertThat(user.func("call_divide").orElseThrow().callI32(9, 3)).isEqualTo(3);
    }

    @Test
    void hostFunctionMayCallIntoAnotherStore() {
        try (Store other = Store.create(store.engine())) {
            Instance lib = TestModules.instantiate(other, "lib");
            Func triple = lib.func("triple").orElseThrow();
            Func divide = lib.func("divide").orElseThrow();
            callback.set(call -> {
                int x = call.i32(0);
                try {
                    call.setI32(0, triple.callI32(x) + divide.callI32(x, x - 1));
                } catch (WasmTrap trap) {
                    call.setI32(0, -1 - trap.trapCode().ordinal());
                }
            });
            assertThat(func("reenter").callI32(5)).isEqualTo(1000 + 15 + 1);
            assertThat(func("reenter").callI32(1)).isEqualTo(1000 - (1 + TrapCode.INTEGER_DIVIDE_BY_ZERO.ordinal()));
            assertThat(func("reenter").callI32(3)).isEqualTo(1000 + 9 + 1);
            assertThat(lib.global("count").orElseThrow().get()).isEqualTo(3);
        }
    }
}
