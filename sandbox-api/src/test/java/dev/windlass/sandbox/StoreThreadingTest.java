package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.ValType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store is used by one thread at a time ({@code wat/threading.wat}): a second thread is refused
 * while the first is inside a call, taking turns is fine, and a closed store refuses everything.
 */
class StoreThreadingTest {

    /** A store whose {@code env.block} waits for {@code release} after counting down {@code entered}. */
    private record Blocking(Store store, Instance instance, CountDownLatch entered, CountDownLatch release) {
        static Blocking create(Engine engine) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Store store = Store.create(engine);
            Instance instance = new Linker()
                    .define("env", "block", FuncType.EMPTY, call -> {
                        entered.countDown();
                        if (!release.await(30, TimeUnit.SECONDS)) {
                            throw new TimeoutException("never released");
                        }
                    })
                    .instantiate(store, TestModules.compile(engine, "threading"));
            return new Blocking(store, instance, entered, release);
        }

        Func func(String name) {
            return instance.func(name).orElseThrow();
        }
    }

    /** A new platform or virtual thread named {@code name}: every concurrency case runs on both. */
    private static Thread.Builder threads(boolean virtual, String name) {
        return virtual ? Thread.ofVirtual().name(name) : Thread.ofPlatform().name(name);
    }

    private static CompletableFuture<Integer> onNewThread(Func func, boolean virtual) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        threads(virtual, "first").start(() -> {
            try {
                result.complete(func.callI32());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void secondThreadIsRefusedWhileTheFirstIsInsideACall(boolean virtual) throws Exception {
        Engine engine = Engine.create();
        Blocking blocking = Blocking.create(engine);
        try (Store store = blocking.store()) {
            Instance second = TestModules.instantiate(store, "control");
            CompletableFuture<Integer> first = onNewThread(blocking.func("enter"), virtual);
            assertThat(blocking.entered().await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> blocking.func("add").call(1, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("first");
            assertThatThrownBy(() -> second.func("fib").orElseThrow().call(5))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(store::close).isInstanceOf(IllegalStateException.class);
            // another store is independent
            try (Store other = Store.create(engine)) {
                assertThat(TestModules.instantiate(other, "control").func("fib").orElseThrow().callI32(10))
                        .isEqualTo(55);
            }

            blocking.release().countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            // the first thread has left: this one may enter now
            assertThat(blocking.func("add").callI32(1, 2)).isEqualTo(3);
            assertThat(second.func("fib").orElseThrow().callI32(5)).isEqualTo(5);
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void threadsTakingTurnsMayUseTheSameStore(boolean virtual) throws Exception {
        Blocking blocking = Blocking.create(Engine.create());
        blocking.release().countDown();
        try (Store store = blocking.store()) {
            Func add = blocking.func("add");
            Func divide = blocking.func("divide");
            for (int turn = 0; turn < 20; turn++) {
                int n = turn;
                CompletableFuture<Integer> result = new CompletableFuture<>();
                Thread thread = threads(virtual, "turn-" + turn).start(() -> {
                    try {
                        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> divide.call(n, 0));
                        result.complete(trap.trapCode() == TrapCode.INTEGER_DIVIDE_BY_ZERO ? add.callI32(n, 100) : -1);
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
                thread.join();
                assertThat(result.get()).isEqualTo(n + 100);
                assertThat(blocking.func("enter").callI32()).isEqualTo(1);
            }
            assertThat(add.callI32(2, 3)).isEqualTo(5);
        }
    }

    @Test
    void closedStoreRefusesCallsAndNewObjects() {
        Engine engine = Engine.create();
        Blocking blocking = Blocking.create(engine);
        Store store = blocking.store();
        Func add = blocking.func("add");
        assertThat(add.callI32(1, 1)).isEqualTo(2);
        store.close();
        store.close(); // idempotent

        assertThatThrownBy(() -> add.call(1, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> blocking.func("enter").call()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Global.create(store, new GlobalType(ValType.I32, true), 0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TestModules.instantiate(store, "control")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void aRefusedThreadLeavesNoTraceInTheStore(boolean virtual)
            throws InterruptedException, ExecutionException, TimeoutException {
        Blocking blocking = Blocking.create(Engine.create());
        try (Store store = blocking.store()) {
            CompletableFuture<Integer> first = onNewThread(blocking.func("enter"), virtual);
            assertThat(blocking.entered().await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                assertThatThrownBy(() -> blocking.func("add").call(1, 2)).isInstanceOf(IllegalStateException.class);
            }
            blocking.release().countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(blocking.func("add").callI32(40, 2)).isEqualTo(42);
        }
    }

    @Test
    void closingTheStoreFromInsideAHostCallIsRefused() {
        Engine engine = Engine.create();
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker()
                    .define("env", "block", FuncType.EMPTY, call -> store.close())
                    .instantiate(store, TestModules.compile(engine, "threading"));
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> instance.func("enter").orElseThrow().call());
            assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
            assertThat(trap.getCause()).isInstanceOf(IllegalStateException.class);
            assertThat(instance.func("add").orElseThrow().callI32(2, 2)).isEqualTo(4);
        }
    }

    @Test
    void aConfinedStoreServesOnlyTheThreadThatMadeIt() throws Exception {
        Engine engine = Engine.create();
        Store store = Store.createConfined(engine);
        Instance instance = new Linker()
                .define("env", "block", FuncType.EMPTY, call -> { })
                .instantiate(store, TestModules.compile(engine, "threading"));
        Func add = instance.func("add").orElseThrow();
        assertThat(store.isConfined()).isTrue();
        assertThat(add.callI32(2, 3)).isEqualTo(5);
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> {
            try {
                CompletableFuture.supplyAsync(() -> add.callI32(1, 1)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        })).hasMessageContaining("confined to thread " + Thread.currentThread().getName());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
        assertThatThrownBy(() -> closing.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);

        assertThat(instance.func("divide").orElseThrow().callI32(7, 2)).isEqualTo(3); // still the owner's
        TrapCode trap = catchThrowableOfType(WasmTrap.class, () -> instance.func("divide").orElseThrow().callI32(1, 0))
                .trapCode();
        assertThat(trap).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(add.callI32(20, 22)).isEqualTo(42);
        store.close();
        assertThatThrownBy(() -> add.callI32(1, 2)).hasMessageContaining("closed");
    }

    @Test
    void aConfinedStoreCannotBeClosedFromInsideAHostCall() {
        Engine engine = Engine.create();
        try (Store store = Store.createConfined(engine)) {
            Instance instance = new Linker()
                    .define("env", "block", FuncType.EMPTY, call -> store.close())
                    .instantiate(store, TestModules.compile(engine, "threading"));
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> instance.func("enter").orElseThrow().callI32());
            assertThat(trap.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
            assertThat(instance.func("add").orElseThrow().callI32(1, 2)).isEqualTo(3);
        }
    }
}
