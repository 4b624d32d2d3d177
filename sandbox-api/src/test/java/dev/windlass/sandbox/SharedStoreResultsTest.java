package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Results are read while the store is still claimed (issue 25): two threads sharing a store,
 * retrying when it is in use, each always get their own call's results; a store closed by
 * another thread mid-stream makes a call fail, never return what freed memory holds. Platform
 * and virtual threads.
 */
class SharedStoreResultsTest {

    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    private static final int CALLS = Integer.getInteger("windlass.sharedStore.calls", 100_000);

    private static Instance soak(Store store) {
        AtomicReference<Instance> self = new AtomicReference<>();
        Instance instance = new Linker()
                .define("env", "reenter", I32_TO_I32, call -> call.setI32(0,
                        self.get().func("nest").orElseThrow().callI32(call.i32(0))))
                .instantiate(store, TestModules.compile(store.engine(), "soak"));
        self.set(instance);
        return instance;
    }

    /** Calls {@code fib(n)} {@code CALLS} times, retrying while the store is in use; {@return wrong answers} */
    private static long callMany(Func fib, int n, int expected, AtomicLong busy) {
        long wrong = 0;
        for (int i = 0; i < CALLS; ) {
            try {
                wrong += fib.callI32(n) == expected ? 0 : 1;
                wrong += fib.call(n)[0] == expected ? 0 : 1;
                i++;
            } catch (IllegalStateException inUse) {
                busy.incrementAndGet();
                Thread.onSpinWait();
            }
        }
        return wrong;
    }

    @Test
    void twoThreadsSharingAStoreEachGetTheirOwnResults() throws Exception {
        for (boolean virtual : new boolean[] {false, true}) {
            try (Store store = Store.create(Engine.create())) {
                Func fib = soak(store).func("fib").orElseThrow();
                long[] wrong = new long[2];
                AtomicLong busy = new AtomicLong();
                Thread a = (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(
                        () -> wrong[0] = callMany(fib, 20, 6765, busy));
                Thread b = (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(
                        () -> wrong[1] = callMany(fib, 21, 10946, busy));
                a.join();
                b.join();
                System.out.printf("SharedStoreResultsTest (virtual=%s): 2 x %d x 2 calls, %d retries on a busy store,"
                        + " wrong %d and %d%n", virtual, CALLS, busy.get(), wrong[0], wrong[1]);
                assertThat(wrong).containsOnly(0L);
            }
        }
    }

    @Test
    void aStoreClosedByAnotherThreadFailsCallsInsteadOfAnsweringFromFreedMemory() throws Exception {
        for (int round = 0; round < 200; round++) {
            Store store = Store.create(Engine.create());
            Func fib = soak(store).func("fib").orElseThrow();
            AtomicLong wrong = new AtomicLong();
            Thread caller = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    try {
                        if (fib.callI32(20) != 6765) {
                            wrong.incrementAndGet();
                        }
                    } catch (IllegalStateException closedOrBusy) {
                        // closed (or being closed): the call did not answer, which is right
                    }
                }
            });
            Thread.sleep(round % 5);
            while (true) {
                try {
                    store.close();
                    break;
                } catch (IllegalStateException running) {
                    Thread.onSpinWait(); // a call is running: close refuses, try again
                }
            }
            caller.join();
            assertThat(wrong.get()).as("round %d", round).isZero();
        }
    }
}
