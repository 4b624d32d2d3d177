package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every integer trap of {@code wat/traps.wat}: its code, the function (index and name from the
 * name section) and the module offset of the trapping operator, found in the binary itself; the
 * store keeps working after traps; and trapping 100,000 times leaks no native memory.
 */
class TrapTest {

    private static final byte[] WASM = TestModules.bytes("traps");
    /** Defined functions start after the one imported function. */
    private static final int IMPORTED_FUNCTIONS = 1;

    private Store store;
    private Instance instance;
    private final AtomicInteger nopCalls = new AtomicInteger();

    @BeforeEach
    void instantiate() {
        Engine engine = Engine.create();
        store = Store.create(engine);
        instance = new Linker()
                .define("env", "nop", FuncType.EMPTY, call -> nopCalls.incrementAndGet())
                .instantiate(store, engine.compile(WASM));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    private static WasmTrap trap(Func func, long... args) {
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func.call(args));
        assertThat(trap).as("a trap").isNotNull();
        return trap;
    }

    /** {@return the module offset of {@code opcode}, the last operator of function {@code index}} */
    private static int lastOperator(int index, int opcode) {
        return TestModules.lastOpcodeOffset(WASM, TestModules.body(WASM, index - IMPORTED_FUNCTIONS), opcode);
    }

    private static int uniqueOperator(int index, int opcode) {
        return TestModules.uniqueOpcodeOffset(WASM, TestModules.body(WASM, index - IMPORTED_FUNCTIONS), opcode);
    }

    private static void assertTrap(WasmTrap trap, TrapCode code, int function, String name, int offset) {
        assertThat(trap.trapCode()).isEqualTo(code);
        assertThat(trap.functionIndex()).isEqualTo(function);
        assertThat(trap.bytecodeOffset()).isEqualTo(offset);
        assertThat(trap.getMessage())
                .contains(code.message())
                .contains("function " + function + " ($" + name + ")")
                .contains("0x" + Integer.toHexString(offset));
        assertThat(trap.getCause()).isNull();
    }

    @Test
    void unreachableTrapsWithUnreachable() {
        assertTrap(trap(func("unreachable")), TrapCode.UNREACHABLE, 1, "just_unreachable", lastOperator(1, 0x00));
    }

    @ParameterizedTest(name = "{0} by zero")
    @CsvSource({
        "i32.div_s, 2, div_s32, 0x6d", "i32.div_u, 3, div_u32, 0x6e", "i32.rem_s, 4, rem_s32, 0x6f",
        "i32.rem_u, 5, rem_u32, 0x70", "i64.div_s, 6, div_s64, 0x7f", "i64.div_u, 7, div_u64, 0x80",
        "i64.rem_s, 8, rem_s64, 0x81", "i64.rem_u, 9, rem_u64, 0x82"})
    void divisionByZeroTrapsWithIntegerDivideByZero(String export, int function, String name, String opcode) {
        int offset = lastOperator(function, Integer.decode(opcode));
        for (long dividend : new long[] {0, 1, -1, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            assertTrap(trap(func(export), dividend, 0), TrapCode.INTEGER_DIVIDE_BY_ZERO, function, name, offset);
        }
        // the upper half of an i32 divisor's slot is not part of the value
        if (export.startsWith("i32")) {
            assertTrap(trap(func(export), 5, 0x1_0000_0000L), TrapCode.INTEGER_DIVIDE_BY_ZERO, function, name, offset);
        }
    }

    @Test
    void signedDivisionOfMinimumByMinusOneTrapsWithIntegerOverflow() {
        assertTrap(trap(func("i32.div_s"), Integer.MIN_VALUE, -1), TrapCode.INTEGER_OVERFLOW, 2, "div_s32",
                lastOperator(2, 0x6d));
        assertTrap(trap(func("i64.div_s"), Long.MIN_VALUE, -1), TrapCode.INTEGER_OVERFLOW, 6, "div_s64",
                lastOperator(6, 0x7f));
        // the remainder of the same operands is defined: 0
        assertThat(func("i32.rem_s").callI32(Integer.MIN_VALUE, -1)).isZero();
        assertThat(func("i64.rem_s").callI64(Long.MIN_VALUE, -1)).isZero();
        // unsigned division of the same bits does not overflow
        assertThat(func("i32.div_u").callI32(Integer.MIN_VALUE, -1)).isZero();
        assertThat(func("i64.div_u").callI64(Long.MIN_VALUE, -1)).isZero();
    }

    @Test
    void constantOperandsTrapLikeVariableOnes() {
        assertTrap(trap(func("div_by_const_zero"), 9), TrapCode.INTEGER_DIVIDE_BY_ZERO, 10, "div_by_const_zero",
                lastOperator(10, 0x6e));
        assertTrap(trap(func("const_overflow")), TrapCode.INTEGER_OVERFLOW, 11, "const_overflow",
                lastOperator(11, 0x6d));
        assertTrap(trap(func("const_overflow64"), Long.MIN_VALUE), TrapCode.INTEGER_OVERFLOW, 12, "const_overflow64",
                lastOperator(12, 0x7f));
        assertThat(func("const_overflow64").callI64(10)).isEqualTo(-10);
        assertThat(func("const_overflow64").callI64(Long.MIN_VALUE + 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unreachableInsideNestedBlocksTrapsOnlyWhenReached() {
        Func f = func("unreachable_nested");
        assertThat(f.callI32(0, 0)).isEqualTo(7);
        assertTrap(trap(f, 0, 1), TrapCode.UNREACHABLE, 13, "unreachable_nested", uniqueOperator(13, 0x00));
        assertThat(f.callI32(0, 0)).isEqualTo(7);
    }

    @Test
    void trapInANestedCallNamesTheInnermostFunction() {
        Func outer = func("outer");
        assertThat(outer.callI32(7)).isEqualTo(2 * (1 + 100 / 7));
        assertTrap(trap(outer, 0), TrapCode.INTEGER_DIVIDE_BY_ZERO, 14, "inner", lastOperator(14, 0x6d));
        // side effects before the trap happened, and stay
        assertThat(nopCalls.get()).isEqualTo(2);
        assertThat(func("calls").callI32()).isEqualTo(2);
        assertThat(outer.callI32(-3)).isEqualTo(2 * (1 + 100 / -3));
    }

    @Test
    void trapInsideALoopAfterManyIterations() {
        Func countdown = func("countdown");
        assertTrap(trap(countdown, 500), TrapCode.INTEGER_DIVIDE_BY_ZERO, 17, "countdown", uniqueOperator(17, 0x6e));
    }

    @Test
    void storeAndInstanceKeepWorkingAfterTraps() {
        Func divS = func("i32.div_s");
        Func outer = func("outer");
        for (int round = 0; round < 1000; round++) {
            assertThat(trap(divS, round, 0).trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
            assertThat(divS.callI32(round * 10, 10)).isEqualTo(round);
            assertThat(trap(outer, 0).functionIndex()).isEqualTo(14);
            assertThat(outer.callI32(1)).isEqualTo(202);
            assertThat(trap(func("unreachable")).trapCode()).isEqualTo(TrapCode.UNREACHABLE);
        }
        assertThat(func("calls").callI32()).isEqualTo(2000);
        // a second instance in the same store is unaffected too
        Instance second = new Linker().define("env", "nop", FuncType.EMPTY, call -> { })
                .instantiate(store, instance.module());
        assertThat(second.func("calls").orElseThrow().callI32()).isZero();
        assertThat(second.func("i64.rem_u").orElseThrow().callI64(-1, 10)).isEqualTo(Long.remainderUnsigned(-1, 10));
    }

    @Test
    void hundredThousandTrapsLeakNoNativeMemory() {
        Func divS = func("i32.div_s");
        Func outer = func("outer");
        trapMany(divS, outer, 10_000);
        System.gc();
        long before = ProcessMemory.residentKib();
        int trapped = trapMany(divS, outer, 100_000);
        System.gc();
        long after = ProcessMemory.residentKib();
        System.out.printf("VmRSS after 10,000 warm-up traps: %d KiB; after 100,000 more: %d KiB (%+d KiB)%n",
                before, after, after - before);

        assertThat(trapped).isEqualTo(100_000);
        assertThat(after - before).as("VmRSS growth in KiB").isLessThan(20 * 1024);
        // the JVM and the store are healthy
        assertThat(divS.callI32(84, 2)).isEqualTo(42);
        assertThat(outer.callI32(4)).isEqualTo(52);
        assertThat(java.util.stream.IntStream.rangeClosed(1, 1000).sum()).isEqualTo(500_500);
    }

    private static int trapMany(Func divS, Func outer, int count) {
        int trapped = 0;
        for (int i = 0; i < count; i++) {
            try {
                if (i % 2 == 0) {
                    divS.call(i, 0);
                } else {
                    outer.call(0);
                }
            } catch (WasmTrap trap) {
                if (trap.trapCode() == TrapCode.INTEGER_DIVIDE_BY_ZERO) {
                    trapped++;
                }
            }
        }
        return trapped;
    }

    @Test
    void trapsAndHostCallsStayCorrectWhileAnotherThreadForcesGarbageCollections() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
            }
        }, "collector");
        collector.start();
        try {
            Func divS = func("i32.div_s");
            Func outer = func("outer");
            for (int i = 0; i < 3_000; i++) {
                assertThat(trap(divS, i, 0).trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
                assertThat(outer.callI32(i % 50 + 1)).isEqualTo(2 * (1 + 100 / (i % 50 + 1)));
            }
            assertThat(nopCalls.get()).isEqualTo(3_000);
        } finally {
            running.set(false);
            collector.join();
        }
    }
}
