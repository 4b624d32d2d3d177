package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timeout and the epoch deadline compose ({@code wat/reentry.wat}'s {@code spin_calling_host},
 * a loop that calls {@code env.tick}): the store keeps them apart and interrupts at whichever
 * comes first; a host function that sets one never cancels the other.
 */
class DeadlineCompositionTest {

    private static final FuncType ADD = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
    private static final FuncType DOWN = new FuncType(List.of(ValType.I32, ValType.I64), List.of(ValType.I64));

    private final Engine engine = Engine.create(Config.builder().epochInterruption(true).build());
    private final Store store = Store.create(engine);
    private final AtomicReference<HostFunction> tick = new AtomicReference<>(call -> { });
    private final Instance instance = new Linker()
            .define("env", "add", ADD, call -> { })
            .define("env", "down", DOWN, call -> { })
            .define("env", "tick", new FuncType(List.of(), List.of()), call -> tick.get().call(call))
            .instantiate(store, TestModules.compile(engine, "reentry"));

    @AfterEach
    void close() {
        store.close();
        engine.close();
    }

    private WasmTrap spin() {
        return catchThrowableOfType(WasmTrap.class, () -> instance.func("spin_calling_host").orElseThrow().call());
    }

    @Test
    void aHostFunctionSettingAFarEpochDeadlineDoesNotLiftA50MsTimeout() {
        store.setTimeout(Duration.ofMillis(50));
        tick.set(call -> store.setEpochDeadline(1_000_000)); // as Wasmtime embedders do, on every call
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            WasmTrap trap = spin();
            double millis = (System.nanoTime() - start) / 1e6;
            assertThat(trap).as("run %d", run).isNotNull();
            assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
            assertThat(millis).isGreaterThanOrEqualTo(50.0).isLessThan(2_000.0); // was: past 3 s, never stopping
        }
    }

    @Test
    void anEpochDeadlineBeforeTheTimeoutInterruptsFirstAndTheTimeoutStaysInForce() {
        store.setTimeout(Duration.ofSeconds(30));
        int[] ticks = new int[1];
        tick.set(call -> {
            if (++ticks[0] == 100) {
                store.setEpochDeadline(1);
                engine.incrementEpoch();
            }
        });
        long start = System.nanoTime();
        assertThat(spin().trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(10_000.0);
        assertThat(ticks[0]).isEqualTo(100);

        // Then a far epoch deadline, and the timeout (30 s, shortened) still bounds the next call.
        store.setEpochDeadline(1_000_000);
        store.setTimeout(Duration.ofMillis(50));
        tick.set(call -> { });
        start = System.nanoTime();
        assertThat(spin().trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(50.0).isLessThan(2_000.0);
    }

    @Test
    void theEpochDeadlineAHostSetDuringATimedOutCallHoldsForTheNextCall() {
        store.setTimeout(Duration.ofMillis(50));
        tick.set(call -> store.setEpochDeadline(0)); // traps at the next check: before the timeout
        assertThat(spin().trapCode()).isEqualTo(TrapCode.INTERRUPT);
        store.clearTimeout();
        tick.set(call -> { });
        // The deadline 0 is still the user's: the next call is interrupted at once, with no timeout.
        assertThat(spin().trapCode()).isEqualTo(TrapCode.INTERRUPT);
        store.setEpochDeadline(1_000_000);
        store.setTimeout(Duration.ofMillis(20));
        assertThat(spin().trapCode()).isEqualTo(TrapCode.INTERRUPT);
    }
}
