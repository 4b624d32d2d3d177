package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Wasm call stack of a trap ({@code wat/backtrace.wat}, a module named "plugin"): frames
 * with module and function names and the module offsets of the call and trap operators, found
 * in the binary itself; Wasm frames in Java stack traces; frames of two modules
 * ({@code backtrace_app.wat}) and of a module without names ({@code backtrace_anonymous.wat});
 * a host exception with the Wasm frames between its Java parts; a bounded stack overflow.
 */
class BacktraceTest {

    private static final byte[] PLUGIN = TestModules.bytes("backtrace");
    private static final byte[] APP = TestModules.bytes("backtrace_app");
    private static final byte[] ANONYMOUS = TestModules.bytes("backtrace_anonymous");
    private static final int IMPORTED_FUNCTIONS = 2;
    /** Function indices in backtrace.wat: level1 is 2, ..., level10 is 11. */
    private static final int LEVEL1 = 2;
    private static final int CALLS_HOST = 12;
    private static final int VIA_HOST = 13;
    private static final int RECURSE = 14;
    private static final int OUTER = 15;
    private static final int CALL = 0x10;
    private static final int I32_DIV_U = 0x6e;

    private Engine engine;
    private Store store;
    private Instance plugin;
    private final AtomicReference<Runnable> fail = new AtomicReference<>();

    @BeforeEach
    void instantiate() {
        engine = Engine.create();
        store = Store.create(engine);
        plugin = new Linker()
                .define("env", "fail", FuncType.EMPTY, call -> fail.get().run())
                .define("env", "reenter", new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                        call -> call.setI32(0, plugin.func("level1").orElseThrow().callI32(call.i32(0))))
                .instantiate(store, engine.compile(PLUGIN));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static WasmTrap trap(Func func, long... args) {
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func.call(args));
        assertThat(trap).as("a trap").isNotNull();
        return trap;
    }

    /** {@return the module offset of the only {@code opcode} in function {@code index} of {@code wasm}} */
    private static int offsetOf(byte[] wasm, int importedFunctions, int index, int opcode) {
        return TestModules.uniqueOpcodeOffset(wasm, TestModules.body(wasm, index - importedFunctions), opcode);
    }

    /** {@return the ten frames of the trap in level10, innermost first, as the module defines them} */
    private static List<WasmFrame> tenLevels() {
        List<WasmFrame> expected = new ArrayList<>();
        for (int level = 10; level >= 1; level--) {
            int index = LEVEL1 + level - 1;
            int offset = offsetOf(PLUGIN, IMPORTED_FUNCTIONS, index, level == 10 ? I32_DIV_U : CALL);
            expected.add(new WasmFrame("plugin", index, "level" + level, offset));
        }
        return expected;
    }

    @Test
    void trapTenCallsDeepShowsTenWasmFramesWithNamesAndOffsets() {
        WasmTrap trap = trap(plugin.func("level1").orElseThrow(), 0);
        System.out.println("A trap ten calls deep, as printed:");
        trap.printStackTrace(System.out);

        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(trap.wasmBacktrace().frames()).containsExactlyElementsOf(tenLevels());
        assertThat(trap.wasmBacktrace().omittedFrames()).isZero();

        StackTraceElement[] trace = trap.getStackTrace();
        int divide = offsetOf(PLUGIN, IMPORTED_FUNCTIONS, LEVEL1 + 9, I32_DIV_U);
        assertThat(trace[0]).hasToString("wasm.plugin.level10(plugin.wasm:0x" + Integer.toHexString(divide) + ")");
        for (int i = 0; i < 10; i++) {
            assertThat(trace[i].getClassName()).isEqualTo("wasm.plugin");
            assertThat(trace[i].getMethodName()).isEqualTo("level" + (10 - i));
        }
        // then the Java frames of the call into Wasm, this test among them
        assertThat(trace[10].getClassName()).isEqualTo(Func.class.getName());
        assertThat(Arrays.stream(trace).skip(10)).noneMatch(e -> e.getClassName().startsWith("wasm"))
                .anyMatch(e -> e.getMethodName().equals("trapTenCallsDeepShowsTenWasmFramesWithNamesAndOffsets"));
        assertThat(trap.getMessage())
                .contains("wasm backtrace:")
                .contains(String.format("0: %#6x - plugin!level10", divide))
                .contains("9:")
                .contains("plugin!level1\n".replace("\n", System.lineSeparator()).strip());
    }

    @Test
    void theWasmFramesJoinTheStackTraceOnceWhicheverWayItIsFirstLookedAt() {
        Func level1 = plugin.func("level1").orElseThrow();

        // wrapped (the wrapper's message is the trap's toString), then printed as a cause
        StringWriter printed = new StringWriter();
        new IllegalStateException(trap(level1, 0)).printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("Caused by: " + WasmTrap.class.getName())
                .contains("at wasm.plugin.level10(plugin.wasm:0x").contains("at wasm.plugin.level1(plugin.wasm:0x");

        // printed directly
        printed = new StringWriter();
        WasmTrap trap = trap(level1, 0);
        trap.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("at wasm.plugin.level10(plugin.wasm:0x");

        // asked for twice: the frames are there once
        assertThat(trap.getStackTrace()).filteredOn(e -> e.getClassName().startsWith("wasm.")).hasSize(10);
        assertThat(trap.getStackTrace()).filteredOn(e -> e.getClassName().startsWith("wasm.")).hasSize(10);

        // replaced by the application before it was looked at: the application's trace wins
        WasmTrap replaced = trap(level1, 0);
        StackTraceElement mine = new StackTraceElement("App", "run", "App.java", 1);
        replaced.setStackTrace(new StackTraceElement[] {mine});
        assertThat(replaced.getStackTrace()).containsExactly(mine);
    }

    @Test
    void theStoreKeepsWorkingAndEachTrapHasItsOwnBacktrace() {
        Func level1 = plugin.func("level1").orElseThrow();
        for (int round = 0; round < 100; round++) {
            assertThat(trap(level1, 0).wasmBacktrace().frames()).hasSize(10);
            assertThat(level1.callI32(4)).isEqualTo(9 + 25);
            assertThat(trap(plugin.func("recurse").orElseThrow(), 0).trapCode()).isEqualTo(TrapCode.STACK_OVERFLOW);
        }
    }

    @Test
    void aModuleWithoutNamesShowsFunctionIndices() {
        Instance anonymous = new Linker().instantiate(store, engine.compile(ANONYMOUS));
        assertThat(anonymous.module().name()).isEmpty();
        assertThat(plugin.module().name()).contains("plugin");

        WasmTrap trap = trap(anonymous.func("first").orElseThrow(), 0);
        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
        assertThat(trap.wasmBacktrace().frames()).containsExactly(
                new WasmFrame(null, 2, null, offsetOf(ANONYMOUS, 0, 2, 0x6f)),
                new WasmFrame(null, 1, null, offsetOf(ANONYMOUS, 0, 1, CALL)),
                new WasmFrame(null, 0, null, offsetOf(ANONYMOUS, 0, 0, CALL)));
        assertThat(trap.getStackTrace()[0])
                .hasToString("wasm.func[2](wasm:0x" + Integer.toHexString(offsetOf(ANONYMOUS, 0, 2, 0x6f)) + ")");
        assertThat(trap.getMessage()).contains(
                String.format("2: %#6x - <unknown>!<wasm function 0>", offsetOf(ANONYMOUS, 0, 0, CALL)));
    }

    @Test
    void framesOfTwoModulesEachMapToTheirOwnModule() {
        Instance app = new Linker().instance("plugin", plugin).instantiate(store, engine.compile(APP));
        WasmTrap trap = trap(app.func("main").orElseThrow(), 0);

        List<WasmFrame> expected = new ArrayList<>(tenLevels());
        expected.add(new WasmFrame("app", 1, "main", offsetOf(APP, 1, 1, CALL)));
        assertThat(trap.wasmBacktrace().frames()).containsExactlyElementsOf(expected);
        assertThat(trap.getStackTrace()[10].toString()).startsWith("wasm.app.main(app.wasm:0x");
    }

    @Test
    void aHostExceptionShowsTheWasmFramesBetweenTheHostAndTheCaller() {
        fail.set(BacktraceTest::throwFromHost);
        WasmTrap trap = trap(plugin.func("calls_host").orElseThrow());
        System.out.println("A host exception thrown through two Wasm frames, as printed:");
        trap.printStackTrace(System.out);

        assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
        List<WasmFrame> wasm = List.of(
                new WasmFrame("plugin", VIA_HOST, "via_host", offsetOf(PLUGIN, IMPORTED_FUNCTIONS, VIA_HOST, CALL)),
                new WasmFrame("plugin", CALLS_HOST, "calls_host",
                        offsetOf(PLUGIN, IMPORTED_FUNCTIONS, CALLS_HOST, CALL)));
        assertThat(trap.wasmBacktrace().frames()).isEqualTo(wasm);

        // the host exception: its own frames, the dispatcher, the Wasm frames, then the caller's
        List<String> trace = Arrays.stream(trap.getCause().getStackTrace()).map(StackTraceElement::toString).toList();
        int host = indexOf(trace, "throwFromHost");
        int dispatch = indexOf(trace, "HostFunctions.dispatch");
        int caller = indexOf(trace, "aHostExceptionShowsTheWasmFramesBetweenTheHostAndTheCaller");
        assertThat(host).isZero();
        assertThat(trace.get(dispatch + 1)).startsWith("wasm.plugin.via_host(plugin.wasm:0x");
        assertThat(trace.get(dispatch + 2)).startsWith("wasm.plugin.calls_host(plugin.wasm:0x");
        assertThat(trace.subList(dispatch + 3, trace.size())).noneMatch(e -> e.startsWith("wasm."));
        assertThat(caller).isGreaterThan(dispatch + 2);

        // thrown again by the same host: spliced once per throw, not twice
        assertThat(trap(plugin.func("calls_host").orElseThrow()).getCause().getStackTrace())
                .filteredOn(e -> e.getClassName().startsWith("wasm.")).hasSize(2);
    }

    private static void throwFromHost() {
        throw new IllegalStateException("the host refuses");
    }

    private static int indexOf(List<String> trace, String part) {
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError(part + " not in " + trace);
    }

    @Test
    void aTrapInsideAReentrantCallHasTheInnerFramesAndTheOuterOnesWhenItPassesThroughTheHost() {
        WasmTrap outer = trap(plugin.func("outer").orElseThrow(), 0);
        assertThat(outer.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
        assertThat(outer.wasmBacktrace().frames()).containsExactly(
                new WasmFrame("plugin", OUTER, "outer", offsetOf(PLUGIN, IMPORTED_FUNCTIONS, OUTER, CALL)));

        WasmTrap inner = (WasmTrap) outer.getCause();
        assertThat(inner.wasmBacktrace().frames()).containsExactlyElementsOf(tenLevels());
        // the inner trap passed through the host function: the outer frame is spliced in below it
        List<String> trace = Arrays.stream(inner.getStackTrace()).map(StackTraceElement::toString).toList();
        int dispatch = indexOf(trace, "HostFunctions.dispatch");
        assertThat(trace.subList(0, 10)).allMatch(e -> e.startsWith("wasm.plugin.level"));
        assertThat(trace.get(dispatch + 1)).startsWith("wasm.plugin.outer(plugin.wasm:0x");
    }

    @Test
    void aStackOverflowKeepsTheInnermostFramesAndCountsTheRest() {
        Func recurse = plugin.func("recurse").orElseThrow();
        trap(recurse, 0); // warm-up
        long start = System.nanoTime();
        WasmTrap trap = trap(recurse, 0);
        long micros = (System.nanoTime() - start) / 1000;
        WasmBacktrace backtrace = trap.wasmBacktrace();
        System.out.printf("stack overflow: %d frames kept, %d omitted, trap and backtrace in %d us%n",
                backtrace.frames().size(), backtrace.omittedFrames(), micros);

        assertThat(trap.trapCode()).isEqualTo(TrapCode.STACK_OVERFLOW);
        assertThat(backtrace.frames()).hasSize(WasmBacktrace.CAPACITY)
                .allMatch(f -> f.functionIndex() == RECURSE && "recurse".equals(f.functionName()));
        // the innermost frame overflowed in its prologue: reported at the body (its local declarations)
        assertThat(backtrace.frames().get(0).moduleOffset())
                .isEqualTo(TestModules.body(PLUGIN, RECURSE - IMPORTED_FUNCTIONS).start() - 1);
        assertThat(backtrace.frames().subList(1, backtrace.frames().size()))
                .allMatch(f -> f.moduleOffset() == offsetOf(PLUGIN, IMPORTED_FUNCTIONS, RECURSE, CALL));
        assertThat(backtrace.omittedFrames()).isPositive();
        // the stack trace and the message show the first and last 32 kept frames and count the others
        List<String> trace = Arrays.stream(trap.getStackTrace()).map(StackTraceElement::toString).toList();
        assertThat(trace.subList(0, 66)).filteredOn(e -> e.startsWith("wasm.plugin.recurse(")).hasSize(64);
        assertThat(trace.get(32)).isEqualTo("wasm....(" + (WasmBacktrace.CAPACITY - 64) + " Wasm frames left out)");
        assertThat(trace.get(65)).isEqualTo("wasm....(" + backtrace.omittedFrames() + " more Wasm frames not recorded)");
        assertThat(trap.getMessage()).contains("frames left out").contains("more frames").hasSizeLessThan(8192);
    }
}
