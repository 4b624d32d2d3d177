package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock timeouts ({@link Store#setTimeout}): an endless loop with a 50 ms timeout stops
 * with INTERRUPT, 100 times, and the distribution of the times is printed (the assertions are
 * loose, as a shared machine's scheduler requires); each call gets a fresh budget; a timeout
 * never leaks into the next call; the engine's thread stops on close.
 */
class TimeoutTest {

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
    void anEndlessLoopWithA50MsTimeoutStopsWithInterruptEveryTime() {
        store.setTimeout(Duration.ofMillis(50));
        Func spin = func("spin");
        double[] millis = new double[100];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, spin::call);
            millis[run] = (System.nanoTime() - start) / 1e6;
            assertThat(trap).as("run %d", run).isNotNull();
            assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
        }
        double first = millis[0]; // starts the engine's timeout thread and warms the trap path
        Arrays.sort(millis);
        System.out.printf("50 ms timeout, 100 runs: min %.2f ms, median %.2f ms, p90 %.2f ms, max %.2f ms"
                + " (first run %.2f ms)%n", millis[0], millis[49], millis[89], millis[99], first);
        assertThat(millis[0]).isGreaterThanOrEqualTo(50.0);
        assertThat(millis[99]).isLessThan(2000.0);
    }

    @Test
    void everyOutermostCallGetsAFreshBudgetAndATimeoutDoesNotLeakIntoTheNextCall() throws Exception {
        // Each call's budget is far above what a descheduled thread on a busy machine loses, and
        // all the calls together last longer than one budget.
        store.setTimeout(Duration.ofMillis(100));
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("spin").call()).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);
        for (int i = 0; i < 20; i++) {
            assertThat(func("count").callI32(1000)).isEqualTo(1000);
            Thread.sleep(7); // 140 ms in all: calls would fail if the budget were the store's, not the call's
        }

        store.clearTimeout();
        Thread.sleep(120); // a cancelled timeout must not fire afterwards
        assertThat(func("fib").callI32(20)).isEqualTo(6765);
    }

    @Test
    void aTimeoutLeavesTheUsersEpochDeadlineInPlace() {
        store.setEpochDeadline(1);
        store.setTimeout(Duration.ofMillis(10));
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("spin").call()).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);

        store.setTimeout(Duration.ofSeconds(30)); // a 10 ms budget can pass while a loaded machine deschedules us
        assertThat(func("count").callI32(10)).isEqualTo(10);
        engine.incrementEpoch();
        store.clearTimeout();
        assertThat(catchThrowableOfType(WasmTrap.class, () -> func("count").call(10)).trapCode())
                .as("the deadline of one tick is reached").isEqualTo(TrapCode.INTERRUPT);
    }

    @Test
    void theTimeoutThreadStartsOnFirstUseAndStopsWithTheEngine() throws Exception {
        assertThat(timeoutThreads()).isZero();
        store.setTimeout(Duration.ofSeconds(10));
        assertThat(func("count").callI32(5)).isEqualTo(5);
        assertThat(timeoutThreads()).isEqualTo(1);

        engine.close();

        assertThat(timeoutThreads()).isZero();
        assertThatThrownBy(() -> func("count").call(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine is closed");
        store.clearTimeout();
        assertThat(func("count").callI32(5)).as("calls without a timeout still run").isEqualTo(5);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> store.setTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@return live threads of this test's engine} (other tests' engines run in other test classes' lifetimes) */
    private static long timeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("windlass-timeouts") && t.isAlive()).count();
    }

    @Test
    void closingTheEngineInterruptsACallRunningWithATimeoutAtOnce() throws Exception {
        store.setTimeout(Duration.ofSeconds(30));
        WasmTrap[] trap = new WasmTrap[1];
        long[] millis = new long[1];
        Thread caller = Thread.ofPlatform().start(() -> {
            long start = System.nanoTime();
            trap[0] = catchThrowableOfType(WasmTrap.class, () -> func("spin").call());
            millis[0] = (System.nanoTime() - start) / 1_000_000;
        });
        Thread.sleep(200);
        engine.close();
        caller.join(10_000);
        assertThat(caller.isAlive()).as("the call still runs 10 s after the engine closed").isFalse();
        assertThat(trap[0].trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat(millis[0]).isLessThan(10_000);
    }
}
