package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.nativemem.ThreadStack;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Recursion in {@code wat/stack.wat} on threads of several stack sizes: unbounded recursion
 * traps with STACK_OVERFLOW within {@link Config#maxWasmStack()} and the thread's real stack,
 * the JVM carries on, and deep bounded recursion succeeds given a large enough budget.
 */
class StackOverflowTest {

    private static final long MIB = 1L << 20;
    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    private static final FuncType I32_TO_NONE = new FuncType(List.of(ValType.I32), List.of());

    /**
     * What one thread saw: its real stack size (glibc may hand a thread a cached stack larger than
     * requested, and {@code pthread_getattr_np} then reports, correctly, the larger one), the trap,
     * the depth reached, and calls made after it.
     */
    record Overflow(long stackSize, WasmTrap trap, int deepest, int depthAfter, long javaAfter) {
    }

    private static Instance instantiate(Store store, AtomicReference<Instance> self) {
        return instantiate(store, self, call -> { });
    }

    private static Instance instantiate(Store store, AtomicReference<Instance> self, HostFunction probe) {
        return new Linker()
                .define("env", "reenter", I32_TO_I32, call -> call.setI32(0,
                        self.get().func("reenter_then_recurse").orElseThrow().callI32(call.i32(0))))
                .define("env", "probe", I32_TO_NONE, probe)
                .instantiate(store, TestModules.compile(store.engine(), "stack"));
    }

    /** Overflows on a new thread of {@code stackSize} bytes, then calls Wasm and Java again there. */
    private static Overflow overflowOnThread(Config config, long stackSize) throws Exception {
        return onThread(stackSize, () -> {
            try (Store store = Store.create(Engine.create(config))) {
                AtomicReference<Instance> self = new AtomicReference<>();
                Instance instance = instantiate(store, self);
                self.set(instance);
                WasmTrap trap = catchThrowableOfType(WasmTrap.class,
                        () -> instance.func("recurse").orElseThrow().call(0));
                int deepest = (int) instance.global("deepest").orElseThrow().get();
                int after = instance.func("depth").orElseThrow().callI32(100);
                return new Overflow(ThreadStack.current().size(), trap, deepest, after, javaRecursion(2000));
            }
        });
    }

    private static long javaRecursion(int n) {
        return n == 0 ? 0 : n + javaRecursion(n - 1);
    }

    private static <T> T onThread(long stackSize, Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "wasm-" + (stackSize / MIB) + "MiB", stackSize);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the task failed on " + thread.getName(), failure.get());
        }
        return result.get();
    }

    private static void assertOverflowAndRecovery(Overflow overflow) {
        assertThat(overflow.trap()).as("a trap").isNotNull();
        assertThat(overflow.trap().trapCode()).isEqualTo(TrapCode.STACK_OVERFLOW);
        assertThat(overflow.trap().getMessage()).contains("call stack exhausted");
        assertThat(overflow.deepest()).isGreaterThan(1000);
        assertThat(overflow.depthAfter()).isEqualTo(100);
        assertThat(overflow.javaAfter()).isEqualTo(2000L * 2001 / 2);
    }

    @Test
    void unboundedRecursionTrapsOnAOneMebibyteThread() throws Exception {
        Overflow overflow = overflowOnThread(Config.defaults(), MIB);
        assertOverflowAndRecovery(overflow);
        assertThat(overflow.trap().functionIndex()).as("recurse, after the imports").isEqualTo(2);
        assertThat(overflow.trap().getMessage()).contains("($recurse)");
    }

    @Test
    void unboundedRecursionTrapsOnA512MebibyteThread() throws Exception {
        assertOverflowAndRecovery(overflowOnThread(Config.defaults(), 512 * MIB));
    }

    @Test
    void maxWasmStackBoundsTheDepthWhateverTheThreadStack() throws Exception {
        Overflow small = overflowOnThread(Config.defaults(), 4 * MIB);
        Overflow big = overflowOnThread(Config.defaults(), 512 * MIB);
        // both are stopped by the default 512 KiB budget, not by the thread
        assertThat((double) big.deepest() / small.deepest()).isBetween(0.8, 1.25);

        Overflow budget64 = overflowOnThread(Config.builder().maxWasmStack(64 * MIB).build(), 512 * MIB);
        assertOverflowAndRecovery(budget64);
        assertThat(budget64.deepest()).isGreaterThan(64 * big.deepest());
    }

    @Test
    void aBudgetLargerThanTheThreadStackIsCappedAndStillTraps() throws Exception {
        Overflow capped = overflowOnThread(Config.builder().maxWasmStack(64 * MIB).build(), MIB);
        assertOverflowAndRecovery(capped);
        assertThat(capped.stackSize()).isLessThan(16 * MIB);
        // A frame takes at least (512 KiB - 64 KiB of Java frames above the entry) / depth of a
        // run stopped by the default budget; the capped run cannot go deeper than the thread's
        // stack less the 256 KiB reserve allows at that frame size.
        Overflow normal = overflowOnThread(Config.defaults(), 4 * MIB);
        double minFrameBytes = (512.0 - 64) * 1024 / normal.deepest();
        assertThat(capped.deepest()).isLessThan((int) ((capped.stackSize() - StackLimit.RESERVED_BYTES) / minFrameBytes));
        assertThat(capped.deepest()).isGreaterThan(normal.deepest());
    }

    @Test
    void theCallingThreadCarriesOnAfterAnOverflowOnAnotherThread() throws Exception {
        overflowOnThread(Config.defaults(), MIB);
        try (Store store = Store.create(Engine.create())) {
            AtomicReference<Instance> self = new AtomicReference<>();
            Instance instance = instantiate(store, self);
            self.set(instance);
            assertThat(catchThrowableOfType(WasmTrap.class, () -> instance.func("recurse").orElseThrow().call(0))
                    .trapCode()).isEqualTo(TrapCode.STACK_OVERFLOW);
            assertThat(instance.func("depth").orElseThrow().callI32(1000)).isEqualTo(1000);
        }
    }

    @Test
    void deepButBoundedRecursionSucceedsWithALargerBudget() throws Exception {
        Config config = Config.builder().maxWasmStack(200 * MIB).build();
        int[] depths = onThread(512 * MIB, () -> {
            try (Store store = Store.create(Engine.create(config))) {
                AtomicReference<Instance> self = new AtomicReference<>();
                Instance instance = instantiate(store, self);
                Func depth = instance.func("depth").orElseThrow();
                return new int[] {depth.callI32(10_000), depth.callI32(100_000)};
            }
        });
        assertThat(depths).containsExactly(10_000, 100_000);
    }

    @Test
    void overflowInsideReentrantCallsReachesTheOuterCaller() throws Exception {
        WasmTrap trap = onThread(16 * MIB, () -> {
            try (Store store = Store.create(Engine.create())) {
                AtomicReference<Instance> self = new AtomicReference<>();
                Instance instance = instantiate(store, self);
                self.set(instance);
                WasmTrap t = catchThrowableOfType(WasmTrap.class,
                        () -> instance.func("reenter_then_recurse").orElseThrow().call(3));
                assertThat(instance.func("depth").orElseThrow().callI32(50)).isEqualTo(50);
                return t;
            }
        });
        // three host calls deep, each wrapping the trap of the call it made
        Throwable cause = trap;
        for (int level = 0; level < 3; level++) {
            assertThat(cause).isInstanceOf(WasmTrap.class);
            assertThat(((WasmTrap) cause).trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(WasmTrap.class);
        assertThat(((WasmTrap) cause).trapCode()).isEqualTo(TrapCode.STACK_OVERFLOW);
    }

    @Test
    void hostCallsFromTheDeepestWasmFramesWork() throws Exception {
        for (Config config : List.of(Config.defaults(), Config.builder().maxWasmStack(64 * MIB).build())) {
            int[] result = onThread(MIB, () -> {
                try (Store store = Store.create(Engine.create(config))) {
                    AtomicReference<Instance> self = new AtomicReference<>();
                    int[] probes = new int[1];
                    Instance instance = instantiate(store, self, call -> {
                        // a little real Java work on whatever stack is left
                        probes[0] += Integer.toString(call.i32(0)).length() > 0 ? 1 : 0;
                        probes[0] += (int) (javaRecursion(100) - 5050);
                    });
                    self.set(instance);
                    WasmTrap trap = catchThrowableOfType(WasmTrap.class,
                            () -> instance.func("recurse_probing").orElseThrow().call(0));
                    int deepest = (int) instance.global("deepest").orElseThrow().get();
                    return new int[] {trap.trapCode().ordinal(), deepest, probes[0],
                        instance.func("depth").orElseThrow().callI32(77)};
                }
            });
            assertThat(TrapCode.values()[result[0]]).isEqualTo(TrapCode.STACK_OVERFLOW);
            assertThat(result[1]).isGreaterThan(1000);
            assertThat(result[2]).as("one probe per level").isEqualTo(result[1] + 1);
            assertThat(result[3]).isEqualTo(77);
        }
    }

    @Test
    void aRealStackOverflowErrorInAHostFunctionAtTheDeepestWasmFrameBecomesTheCause() throws Exception {
        Throwable cause = onThread(MIB, () -> {
            try (Store store = Store.create(Engine.create())) {
                AtomicReference<Instance> self = new AtomicReference<>();
                AtomicInteger overflowAt = new AtomicInteger(-1);
                Instance instance = instantiate(store, self, call -> {
                    if (call.i32(0) == overflowAt.get()) {
                        unboundedJavaRecursion(0);
                    }
                });
                self.set(instance);
                Func recurse = instance.func("recurse_probing").orElseThrow();
                // learn how deep Wasm gets, then overflow the Java stack two frames above that
                assertThat(catchThrowableOfType(WasmTrap.class, () -> recurse.call(0)).trapCode())
                        .isEqualTo(TrapCode.STACK_OVERFLOW);
                overflowAt.set((int) instance.global("deepest").orElseThrow().get() - 2);
                WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> recurse.call(0));
                assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
                assertThat(instance.func("depth").orElseThrow().callI32(500)).isEqualTo(500);
                return trap.getCause();
            }
        });
        assertThat(cause).isInstanceOf(StackOverflowError.class);
        assertThat(javaRecursion(1000)).isEqualTo(500_500);
    }

    private static long unboundedJavaRecursion(long n) {
        return 1 + unboundedJavaRecursion(n + 1);
    }

    @Test
    void virtualThreadsRunWasmAndTrapOnOverflow() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try (Store store = Store.create(Engine.create())) {
                AtomicReference<Instance> self = new AtomicReference<>();
                Instance instance = instantiate(store, self);
                self.set(instance);
                int depth = instance.func("depth").orElseThrow().callI32(1000);
                WasmTrap trap = catchThrowableOfType(WasmTrap.class,
                        () -> instance.func("recurse").orElseThrow().call(0));
                outcome.set(List.of(depth, trap.trapCode(), instance.func("depth").orElseThrow().callI32(10)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        thread.join();
        assertThat(outcome.get()).isEqualTo(List.of(1000, TrapCode.STACK_OVERFLOW, 10));
    }

    /** {@code wat/frames.wat}: 8 KiB frames (1,000 i64 locals) and 320 KiB frames (40,000). */
    private static long[] callFrames(Config config, long stackSize, String export, int... depths) throws Exception {
        return onThread(stackSize, () -> {
            try (Store store = Store.create(Engine.create(config))) {
                Func f = TestModules.instantiate(store, "frames").func(export).orElseThrow();
                long[] results = new long[depths.length];
                for (int i = 0; i < depths.length; i++) {
                    try {
                        results[i] = f.callI64(depths[i]);
                    } catch (WasmTrap trap) {
                        results[i] = -1 - trap.trapCode().ordinal();
                    }
                }
                return results;
            }
        });
    }

    private static final long OVERFLOW = -(1 + TrapCode.STACK_OVERFLOW.ordinal());

    @Test
    void framesWithManyLocalsStartZeroedAndOverflowCleanly() throws Exception {
        assertThat(callFrames(Config.defaults(), 4 * MIB, "small_frame", 0, 10, 40, 1_000_000, 10))
                .containsExactly(0, 55, 820, OVERFLOW, 55);
    }

    @Test
    void aFrameLargerThanTheReserveBelowTheLimitTrapsInsteadOfRunningOffTheStack() throws Exception {
        // one 320 KiB frame fits the default 512 KiB budget, two do not
        assertThat(callFrames(Config.defaults(), 4 * MIB, "large_frame", 0, 1, 0)).containsExactly(0, OVERFLOW, 0);
        // with a budget beyond the thread's stack the limit sits 256 KiB above its bottom, less than
        // one frame: the check must account for the whole frame, not only the stack pointer
        Config unbounded = Config.builder().maxWasmStack(64 * MIB).build();
        assertThat(callFrames(unbounded, MIB, "large_frame", 0, 100, 0)).containsExactly(0, OVERFLOW, 0);
        assertThat(callFrames(unbounded, 4 * MIB, "large_frame", 3, 100, 3)).containsExactly(6, OVERFLOW, 6);
    }
}
