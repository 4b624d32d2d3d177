package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Epoch interruption on {@code wat/metering.wat}: {@link Engine#incrementEpoch()} from another
 * thread stops an endless loop with INTERRUPT once the store's deadline is reached, a deadline
 * of 0 stops code at its first check, no deadline never stops it, and the store is usable after
 * the trap.
 */
class EpochTest {

    private final InterruptibleInstance fixture = InterruptibleInstance.create();
    private final Engine engine = fixture.engine();
    private final Store store = fixture.store();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Func func(String name) {
        return fixture.func(name);
    }

    @Test
    void incrementingTheEpochFromAnotherThreadStopsAnEndlessLoop() throws Exception {
        store.setEpochDeadline(3);
        CountDownLatch started = new CountDownLatch(1);
        Thread ticker = Thread.ofPlatform().start(() -> {
            try {
                started.await();
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(10);
                    engine.incrementEpoch();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> {
            started.countDown();
            func("spin").call();
        });

        assertThat(trap).isNotNull();
        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat(engine.epoch()).isEqualTo(3);
        ticker.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void aDeadlineOfZeroTicksStopsCodeAtItsFirstCheck() {
        store.setEpochDeadline(0);

        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func("count").call(10));

        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
    }

    @Test
    void theDeadlineCountsFromTheCurrentEpoch() {
        engine.incrementEpoch();
        engine.incrementEpoch();
        store.setEpochDeadline(1);
        assertThat(func("fib").callI32(10)).isEqualTo(55);

        engine.incrementEpoch();

        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("fib").call(10)).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);
    }

    @Test
    void aNewStoreHasNoDeadlineAndTheStoreRunsAgainAfterAnInterrupt() {
        for (int i = 0; i < 100; i++) {
            engine.incrementEpoch();
        }
        assertThat(func("count").callI32(1000)).isEqualTo(1000);

        store.setEpochDeadline(0);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("count").call(10)).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);

        store.setEpochDeadline(5);
        assertThat(func("count").callI32(10)).isEqualTo(10);
    }

    @Test
    void withoutEpochInterruptionTheDeadlineMethodsThrow() {
        try (Store plain = Store.create(Engine.create())) {
            assertThatThrownBy(() -> plain.setEpochDeadline(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("epochInterruption");
            assertThatThrownBy(() -> plain.setTimeout(Duration.ofMillis(5)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void fuelAndEpochsWorkTogether() {
        try (Engine both = Engine.create(Config.builder().consumeFuel(true).epochInterruption(true).build());
             Store metered = Store.create(both)) {
            Instance program = MeteringModule.instantiate(metered, value -> { });
            long cost = MeteringModule.cost("switch", 100);
            metered.setFuel(cost);
            program.func("switch").orElseThrow().call(100);
            assertThat(metered.getFuel()).isZero();

            metered.setFuel(1_000_000);
            metered.setEpochDeadline(0);
            assertThat(catchThrowableOfType(WasmTrap.class, () -> program.func("spin").orElseThrow().call())
                    .trapCode()).isEqualTo(TrapCode.INTERRUPT);
        }
    }

    @Test
    void recursionWithoutLoopsIsInterruptedAtAFunctionEntryWhileItRuns() throws Exception {
        store.setEpochDeadline(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread ticker = Thread.ofPlatform().start(() -> {
            try {
                started.await();
                Thread.sleep(20);
                engine.incrementEpoch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> {
            started.countDown();
            func("fib").call(60); // years without the interrupt
        });

        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat(trap.getMessage()).contains("interrupt");
        ticker.join(TimeUnit.SECONDS.toMillis(10));
        store.setEpochDeadline(1);
        assertThat(func("fib").callI32(20)).isEqualTo(6765); // the interrupt is cleared with the new deadline
    }

    @Test
    void aTimeoutInterruptsRecursionAndTheNextCallRunsFree() {
        store.setTimeout(Duration.ofMillis(30));

        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("fib").call(60)).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);
        assertThat(func("fib").callI32(20)).isEqualTo(6765);
    }

    @Test
    void aRealStackOverflowStaysAStackOverflowWithEpochsOn() {
        store.setEpochDeadline(1_000);

        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("fib").call(10_000_000)).trapCode())
                .isEqualTo(TrapCode.STACK_OVERFLOW);
        assertThat(func("fib").callI32(10)).isEqualTo(55);
    }

    @Test
    void epochsAdvancingAfterAStoreClosedReachNothing() {
        Store other = Store.create(engine);
        other.setEpochDeadline(1);
        other.close();
        for (int i = 0; i < 5; i++) {
            engine.incrementEpoch();
        }
        store.setEpochDeadline(1);
        assertThat(func("fib").callI32(10)).isEqualTo(55);
    }
}
