package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Re-entrant host calls ({@code wat/reentry.wat}): every activation has its own argument and
 * result slots, so a host function that calls back into its store before it reads its
 * arguments still sees its own; a trap or exception in a nested call unwinds only its level;
 * fuel and the timeout hold across levels.
 */
class ReentryTest {

    private static final FuncType ADD = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
    private static final FuncType DOWN = new FuncType(List.of(ValType.I32, ValType.I64), List.of(ValType.I64));
    private static final FuncType TICK = new FuncType(List.of(), List.of());

    /** The linker of {@code reentry.wat}, with {@code down} and {@code tick} as given. */
    private static Instance instantiate(Store store, AtomicReference<Instance> self, HostFunction down,
                                        HostFunction tick) {
        Instance instance = new Linker()
                .define("env", "add", ADD, call -> {
                    int square = self.get().func("square").orElseThrow().callI32(7); // before reading a and b
                    call.setI32(0, call.i32(0) + call.i32(1) + square - 49);
                })
                .define("env", "down", DOWN, down)
                .define("env", "tick", TICK, tick)
                .instantiate(store, TestModules.compile(store.engine(), "reentry"));
        self.set(instance);
        return instance;
    }

    @Test
    void aHostFunctionThatCallsBackBeforeReadingItsArgumentsSeesItsOwn() {
        try (Store store = Store.create(Engine.create())) {
            AtomicReference<Instance> self = new AtomicReference<>();
            Instance instance = instantiate(store, self, call -> { }, call -> { });
            Func add = instance.func("add").orElseThrow();
            assertThat(add.callI32(1000, 2000)).isEqualTo(3000); // was 2049: square(7) overwrote the slots
            assertThat(add.call(5, 6)[0]).isEqualTo(11);
        }
    }

    /** What each level of the ladder does. */
    private enum Plan { RETURN, TRAP, THROW }

    private static long tag(int level) {
        return 0x5DEECE66DL * (level + 1) ^ ((long) level << 40);
    }

    /** Thrown by the host at a level planned to throw. */
    private static final class LevelException extends RuntimeException {
        final int level;

        LevelException(int level) {
            super("level " + level);
            this.level = level;
        }
    }

    @Test
    void aThousandLevelsOfHostAndWasmEachSeeTheirOwnArgumentsWithTrapsAndExceptionsAtRandomLevels()
            throws Exception {
        int depth = 1000;
        SplittableRandom random = new SplittableRandom(24);
        Plan[] plan = new Plan[depth + 1];
        for (int level = 0; level <= depth; level++) {
            int dice = random.nextInt(6);
            plan[level] = level == 0 ? Plan.RETURN : dice == 0 ? Plan.TRAP : dice == 1 ? Plan.THROW : Plan.RETURN;
        }
        List<String> wrong = new ArrayList<>();
        int[] checked = new int[1];
        int[] unwound = new int[1];
        Engine engine = Engine.create(Config.builder().maxWasmStack(1L << 30).build());
        Runnable ladder = () -> {
            try (Store store = Store.create(engine)) {
                AtomicReference<Instance> self = new AtomicReference<>();
                int[] entering = new int[1];
                HostFunction down = call -> {
                    int level = entering[0];
                    if (level < depth) {
                        int next = level + 1;
                        entering[0] = next;
                        Func rung = self.get().func("rung").orElseThrow();
                        try {
                            long result = rung.callI64(next, tag(next), plan[next] == Plan.TRAP ? 1 : 0);
                            if (plan[next] != Plan.RETURN || result != 3 * tag(next) + 1) {
                                wrong.add("level " + next + " returned " + result);
                            }
                        } catch (WasmTrap trap) {
                            unwound[0]++;
                            boolean expected = switch (plan[next]) {
                                case TRAP -> trap.trapCode() == TrapCode.UNREACHABLE;
                                case THROW -> trap.trapCode() == TrapCode.HOST_EXCEPTION
                                        && trap.getCause() instanceof LevelException e && e.level == next;
                                case RETURN -> false;
                            };
                            if (!expected) {
                                wrong.add("level " + next + " trapped: " + trap.getMessage());
                            }
                        }
                    }
                    // Only now read this level's own arguments.
                    if (call.i32(0) != level || call.i64(1) != tag(level)) {
                        wrong.add("level " + level + " saw (" + call.i32(0) + ", " + call.i64(1) + ")");
                    }
                    checked[0]++;
                    if (plan[level] == Plan.THROW) {
                        throw new LevelException(level);
                    }
                    call.setI64(0, 3 * tag(level));
                };
                Instance instance = instantiate(store, self, down, call -> { });
                assertThat(instance.func("rung").orElseThrow().callI64(0, tag(0), 0)).isEqualTo(3 * tag(0) + 1);
            }
        };
        Thread thread = new Thread(null, ladder, "ladder", 1L << 30);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
        thread.join();
        engine.close();
        assertThat(failure.get()).isNull();
        assertThat(wrong).isEmpty();
        assertThat(checked[0]).isEqualTo(depth + 1); // every level's host function ran and checked
        long planned = java.util.Arrays.stream(plan).filter(p -> p != Plan.RETURN).count();
        assertThat(unwound[0]).isEqualTo(planned).isGreaterThan(100);
    }

    @Test
    void fuelIsOneCounterAcrossLevels() {
        Engine engine = Engine.create(Config.builder().consumeFuel(true).build());
        try (Store store = Store.create(engine)) {
            AtomicReference<Instance> self = new AtomicReference<>();
            List<Long> fuelByLevel = new ArrayList<>();
            int[] entering = new int[1];
            HostFunction down = call -> {
                fuelByLevel.add(store.getFuel());
                int level = entering[0];
                if (level < 10) {
                    entering[0] = level + 1;
                    self.get().func("rung").orElseThrow().callI64(level + 1, tag(level + 1), 0);
                }
                call.setI64(0, 0);
            };
            Instance instance = instantiate(store, self, down, call -> { });
            store.setFuel(1_000);
            instance.func("rung").orElseThrow().callI64(0, tag(0), 0);
            assertThat(fuelByLevel).hasSize(11).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(fuelByLevel.get(10)).isLessThan(fuelByLevel.get(0));
            assertThat(store.getFuel()).isLessThan(fuelByLevel.get(10)); // the outer levels went on charging it
        } finally {
            engine.close();
        }
    }
}
