package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a trap shows stays small whatever the module (issue 15, item 7; issue 25, item 5): a name
 * of 4 MiB is cut in the message and the stack trace, a backtrace shows its first and last frames,
 * and a trap passed out of thousands of nested calls neither copies the messages below it nor
 * materializes their stack traces.
 */
class TrapBoundsTest {

    private static final int DOWN = 1; // $down, after the one import
    private static final String HUGE_NAME = "f".repeat(4 << 20);
    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    @Test
    void aFourMebibyteNameThirtyTwoFramesDeepMakesASmallMessageAndStackTrace() {
        byte[] wasm = WasmBinary.withFunctionName(TestModules.bytes("deep_trap"), DOWN, HUGE_NAME);
        try (Engine engine = Engine.create(); Store store = Store.create(engine)) {
            Instance instance = instantiate(store, wasm, call -> {
                throw new AssertionError("not called");
            });
            WasmTrap trap = catchThrowableOfType(WasmTrap.class,
                    () -> instance.func("down").orElseThrow().call(31));
            String message = trap.getMessage();
            StackTraceElement[] trace = trap.getStackTrace();
            StringWriter printed = new StringWriter();
            trap.printStackTrace(new PrintWriter(printed));
            System.out.printf("4 MiB name, 32 frames: message %d chars, %d stack trace elements, "
                    + "printStackTrace %d chars%n", message.length(), trace.length, printed.toString().length());

            assertThat(trap.trapCode()).isEqualTo(TrapCode.UNREACHABLE);
            assertThat(trap.wasmBacktrace().frames()).hasSize(32);
            assertThat(message).contains("...(4194304 chars)").hasSizeLessThan(32 * 400 + 1000);
            assertThat(trace[0].getMethodName()).hasSize(WasmFrame.NAME_LIMIT + "...(4194304 chars)".length());
            assertThat(printed.toString().length()).isLessThan(64 * 1024);
            // the accessor keeps the module's name
            assertThat(trap.wasmBacktrace().frames().get(0).functionName()).hasSize(HUGE_NAME.length());
        }
    }

    @Test
    void aDeepBacktraceShowsItsFirstAndLastFramesAndCountsTheOthers() {
        try (Engine engine = Engine.create(); Store store = Store.create(engine)) {
            Instance instance = instantiate(store, TestModules.bytes("deep_trap"), call -> { });
            WasmTrap trap = catchThrowableOfType(WasmTrap.class,
                    () -> instance.func("down").orElseThrow().call(500));
            List<String> wasmFrames = Arrays.stream(trap.getStackTrace())
                    .map(StackTraceElement::toString).filter(e -> e.startsWith("wasm")).toList();

            assertThat(trap.wasmBacktrace().frames()).hasSize(501);
            assertThat(wasmFrames).hasSize(32 + 1 + 32);
            assertThat(wasmFrames.get(32)).isEqualTo("wasm....(437 Wasm frames left out)");
            assertThat(trap.getMessage()).contains("  31: ").contains("... 437 frames left out")
                    .contains(" 469: ").contains(" 500: ").doesNotContain(" 32: ").doesNotContain(" 468: ");
        }
    }

    @Test
    void thousandsOfNestedTrapsKeepABoundedHeap() throws Exception {
        int levels = 3000;
        Config config = Config.builder().maxWasmStack(250L << 20).build();
        CompletableFuture<long[]> result = new CompletableFuture<>();
        Thread thread = new Thread(null, () -> {
            try (Engine engine = Engine.create(config); Store store = Store.create(engine)) {
                AtomicReference<Func> throughHost = new AtomicReference<>();
                Instance instance = instantiate(store, TestModules.bytes("deep_trap"),
                        call -> call.setI32(0, throughHost.get().callI32(call.i32(0))));
                throughHost.set(instance.func("through_host").orElseThrow());
                long before = usedHeap();
                WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> throughHost.get().call(levels));
                long after = usedHeap();
                int depth = 0;
                long headlines = 0;
                for (Throwable t = trap; t != null; t = t.getCause()) {
                    depth++;
                    headlines += ((WasmTrap) t).headline().length();
                }
                long retained = usedHeap() - before;
                String message = trap.getMessage();
                result.complete(new long[] {depth, retained, after - before, headlines, message.length(),
                    ((WasmTrap) innermost(trap)).trapCode().ordinal(), message.contains(
                            "wasm trap: unreachable") ? 1 : 0});
                assertThat(trap).isNotNull(); // keeps the chain reachable until here
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "nested-traps", 512L << 20);
        thread.start();
        long[] r = result.get();
        System.out.printf("%d nested traps: %d KiB of heap retained, headlines %d chars in all, "
                + "outer message %d chars%n", r[0], r[1] >> 10, r[3], r[4]);

        assertThat(r[0]).isEqualTo(levels + 1);
        assertThat(TrapCode.values()[(int) r[5]]).isEqualTo(TrapCode.UNREACHABLE);
        assertThat(r[6]).as("the outer message names the innermost trap").isEqualTo(1);
        assertThat(r[4]).isLessThan(4096);
        assertThat(r[3]).as("headlines linear in the depth").isLessThan(400L * (levels + 1));
        assertThat(r[1]).as("bytes retained by the chain").isLessThan(256L << 20);
    }

    private static Throwable innermost(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Instance instantiate(Store store, byte[] wasm, HostFunction reenter) {
        Module module = store.engine().compile(wasm);
        return new Linker().define("env", "reenter", I32_TO_I32, reenter).instantiate(store, module);
    }
}
