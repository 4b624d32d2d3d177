package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link HostCall#checkpoint}: a host function whose work a guest number sizes stops, with the
 * trap Wasm code would get, when the store's fuel, timeout or epoch deadline runs out, on
 * platform and virtual threads alike.
 */
class HostCheckpointTest {

    private static final FuncType WORK = new FuncType(List.of(ValType.I32), List.of());

    /** Rounds of work done, each charging 1,000 fuel after a checkpoint; -1 rounds: endless. */
    private final AtomicLong rounds = new AtomicLong();

    private Func run(Store store) {
        Linker linker = new Linker().define("env", "work", WORK, call -> {
            int n = call.i32(0);
            for (long i = 0; n < 0 || i < n; i++) {
                call.checkpoint(1000);
                rounds.incrementAndGet();
            }
        });
        return linker.instantiate(store, TestModules.compile(store.engine(), "host_work")).func("run").orElseThrow();
    }

    @Test
    void endlessHostWorkStopsWithOutOfFuelWhenTheFuelIsSpent() {
        try (Engine engine = Engine.create(Config.builder().consumeFuel(true).build());
             Store store = Store.create(engine)) {
            Func run = run(store);
            store.setFuel(1_000_000);
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> run.call(-1));
            assertThat(trap.trapCode()).isEqualTo(TrapCode.OUT_OF_FUEL);
            assertThat(trap.getCause()).isNull();
            assertThat(rounds.get()).isBetween(990L, 1000L); // the call itself costs a few units
            assertThat(store.getFuel()).isZero();

            store.setFuel(1_000_000); // the store works on: a bounded call within its fuel finishes
            rounds.set(0);
            run.call(10);
            assertThat(rounds.get()).isEqualTo(10);
            assertThat(store.getFuel()).isLessThan(1_000_000 - 10_000).isGreaterThan(1_000_000 - 10_100);
        }
    }

    @Test
    void endlessHostWorkStopsWithInterruptAtTheTimeoutOnPlatformAndVirtualThreads() throws Exception {
        for (boolean virtual : new boolean[] {false, true}) {
            Throwable[] outcome = new Throwable[1];
            long[] millis = new long[1];
            Runnable body = () -> {
                try (Engine engine = Engine.create(Config.builder().epochInterruption(true).build());
                     Store store = Store.create(engine)) {
                    Func run = run(store);
                    store.setTimeout(Duration.ofMillis(100));
                    long start = System.nanoTime();
                    outcome[0] = catchThrowableOfType(WasmTrap.class, () -> run.call(-1));
                    millis[0] = (System.nanoTime() - start) / 1_000_000;
                }
            };
            Thread thread = virtual ? Thread.ofVirtual().start(body) : Thread.ofPlatform().start(body);
            thread.join(Duration.ofSeconds(30));
            assertThat(thread.isAlive()).as("virtual=%s: still running after 30 s", virtual).isFalse();
            assertThat(outcome[0]).isInstanceOf(WasmTrap.class);
            assertThat(((WasmTrap) outcome[0]).trapCode()).isEqualTo(TrapCode.INTERRUPT);
            assertThat(millis[0]).as("virtual=%s", virtual).isBetween(100L, 10_000L);
        }
    }

    @Test
    void endlessHostWorkStopsWithInterruptAtTheEpochDeadline() throws Exception {
        try (Engine engine = Engine.create(Config.builder().epochInterruption(true).build());
             Store store = Store.create(engine)) {
            Func run = run(store);
            store.setEpochDeadline(1);
            Thread ticker = Thread.ofPlatform().start(() -> {
                while (rounds.get() < 1000) {
                    Thread.onSpinWait();
                }
                engine.incrementEpoch();
            });
            assertThat(catchThrowableOfType(WasmTrap.class, () -> run.call(-1)).trapCode())
                    .isEqualTo(TrapCode.INTERRUPT);
            ticker.join();
        }
    }

    @Test
    void aHostFunctionCalledFromJavaStopsWithTheSameTrap() {
        try (Engine engine = Engine.create(Config.builder().consumeFuel(true).build());
             Store store = Store.create(engine)) {
            Func work = Func.host(store, WORK, call -> {
                while (true) {
                    call.checkpoint(1);
                }
            });
            store.setFuel(5);
            assertThat(catchThrowableOfType(WasmTrap.class, () -> work.call(0)).trapCode())
                    .isEqualTo(TrapCode.OUT_OF_FUEL);
        }
    }

    @Test
    void aNegativeChargeIsRefused() {
        try (Engine engine = Engine.create(); Store store = Store.create(engine)) {
            Func work = Func.host(store, WORK, call -> call.checkpoint(-1));
            assertThatThrownBy(() -> work.call(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void withoutFuelOrEpochsACheckpointOnlyChecksAndPasses() {
        try (Engine engine = Engine.create(); Store store = Store.create(engine)) {
            run(store).call(100);
            assertThat(rounds.get()).isEqualTo(100);
        }
    }
}
