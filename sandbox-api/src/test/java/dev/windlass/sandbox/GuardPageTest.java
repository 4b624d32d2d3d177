package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.memory.LinearMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads and stores of {@code wat/guard.wat} behave the same with explicit bounds checks and with
 * guard pages: every width works up to the last byte and traps MEMORY_OUT_OF_BOUNDS one byte
 * further, after growth, with offsets up to 0xFFFFFFFF, naming the function and the operator.
 * In guard-page mode the trap comes from the SIGSEGV handler.
 */
class GuardPageTest {

    private static final byte[] WASM = TestModules.bytes("guard");
    private static final long PAGE = LinearMemory.PAGE_SIZE;

    private static Engine engine(MemoryStrategy strategy) {
        return Engine.create(Config.builder().memoryStrategy(strategy).build());
    }

    /** Export name, function index, access width, opcode, whether it stores. */
    record Access(String name, int function, int bytes, int opcode, boolean store) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Access> ACCESSES = List.of(
            new Access("load_i32", 0, 4, 0x28, false),
            new Access("load_i64", 1, 8, 0x29, false),
            new Access("load_f32", 2, 4, 0x2a, false),
            new Access("load_f64", 3, 8, 0x2b, false),
            new Access("load8_s", 4, 1, 0x2c, false),
            new Access("load8_u", 5, 1, 0x2d, false),
            new Access("load16_s", 6, 2, 0x2e, false),
            new Access("load16_u", 7, 2, 0x2f, false),
            new Access("load64_8_s", 8, 1, 0x30, false),
            new Access("load64_16_u", 9, 2, 0x33, false),
            new Access("load64_32_s", 10, 4, 0x34, false),
            new Access("load64_32_u", 11, 4, 0x35, false),
            new Access("store_i32", 12, 4, 0x36, true),
            new Access("store_i64", 13, 8, 0x37, true),
            new Access("store_f32", 14, 4, 0x38, true),
            new Access("store_f64", 15, 8, 0x39, true),
            new Access("store8", 16, 1, 0x3a, true),
            new Access("store16", 17, 2, 0x3b, true),
            new Access("store64_8", 18, 1, 0x3c, true),
            new Access("store64_16", 19, 2, 0x3d, true),
            new Access("store64_32", 20, 4, 0x3e, true));

    static Stream<Arguments> everyAccessInEveryStrategy() {
        List<Arguments> all = new ArrayList<>();
        for (MemoryStrategy strategy : MemoryStrategy.values()) {
            for (Access access : ACCESSES) {
                all.add(Arguments.of(strategy, access));
            }
        }
        return all.stream();
    }

    private static WasmTrap trap(Func func, long... args) {
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> func.call(args));
        assertThat(trap).as("a trap").isNotNull();
        return trap;
    }

    private static void assertOutOfBounds(WasmTrap trap, int function, int opcode) {
        assertThat(trap.trapCode()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        assertThat(trap.functionIndex()).isEqualTo(function);
        assertThat(trap.bytecodeOffset())
                .isEqualTo(TestModules.uniqueOpcodeOffset(WASM, TestModules.body(WASM, function), opcode));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyAccessInEveryStrategy")
    void everyWidthWorksUpToTheLastByteAndTrapsOneByteFurther(MemoryStrategy strategy, Access access) {
        Engine engine = engine(strategy);
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, engine.compile(WASM));
            Func func = instance.func(access.name()).orElseThrow();
            Memory memory = instance.memory("memory").orElseThrow();
            long last = PAGE - access.bytes();

            func.call(0);
            func.call(last);
            memory.write(PAGE - 8, new byte[8]);
            assertOutOfBounds(trap(func, last + 1), access.function(), access.opcode());
            assertOutOfBounds(trap(func, PAGE), access.function(), access.opcode());
            assertOutOfBounds(trap(func, 0xFFFF_FFFFL), access.function(), access.opcode());
            assertOutOfBounds(trap(func, 0x8000_0000L), access.function(), access.opcode());
            if (access.store()) {
                assertThat(memory.read(PAGE - 8, 8)).as("a store straddling the end writes nothing")
                        .containsOnly(0);
            }

            assertThat(instance.func("grow").orElseThrow().callI32(1)).isEqualTo(1);
            func.call(PAGE);
            func.call(2 * PAGE - access.bytes());
            assertOutOfBounds(trap(func, 2 * PAGE - access.bytes() + 1), access.function(), access.opcode());
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryStrategy.class)
    void theLargestOffsetsTrapAndAnOffsetWithinAGrownMemoryWorks(MemoryStrategy strategy) {
        Engine engine = engine(strategy);
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, engine.compile(WASM));
            Func loadMax = instance.func("load_max_offset").orElseThrow();
            Func storeMax = instance.func("store_max_offset").orElseThrow();
            Func load2g = instance.func("load_2g_offset").orElseThrow();
            Func loadSmall = instance.func("load_small_offset").orElseThrow();

            assertOutOfBounds(trap(loadMax, 0), 21, 0x2d);
            assertOutOfBounds(trap(loadMax, 0xFFFF_FFFFL), 21, 0x2d);
            assertOutOfBounds(trap(storeMax, 0xFFFF_FFFFL), 22, 0x37); // the highest byte any access can reach
            assertOutOfBounds(trap(load2g, 0x7FFF_FFFFL), 23, 0x29);
            assertOutOfBounds(trap(loadSmall, 0), 24, 0x28);

            assertThat(instance.func("grow").orElseThrow().callI32(3)).isEqualTo(1);
            instance.memory("memory").orElseThrow().write(PAGE, new byte[] {1, 2, 3, 4});
            assertThat(loadSmall.callI32(0)).isEqualTo(0x04030201);
            assertOutOfBounds(trap(loadSmall, 3 * PAGE - 3), 24, 0x28);
            assertThat(instance.func("grow").orElseThrow().callI32(1)).as("past the declared maximum").isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryStrategy.class)
    void aTrapInACalleeNamesTheCalleeAndTheStoreKeepsWorking(MemoryStrategy strategy) {
        Engine engine = engine(strategy);
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, engine.compile(WASM));
            Func outer = instance.func("outer").orElseThrow();
            instance.memory("memory").orElseThrow().write(8, new byte[] {41});

            for (int i = 0; i < 1000; i++) {
                assertOutOfBounds(trap(outer, PAGE - 7), 1, 0x29);
                assertThat(outer.callI64(8)).isEqualTo(42);
            }
            assertThat(instance.func("sum").orElseThrow().callI32(PAGE / 4)).isEqualTo(41);
            assertOutOfBounds(trap(instance.func("sum").orElseThrow(), PAGE / 4 + 1), 29, 0x28);
        }
    }

    @Test
    void aGuardPageMemoryReservesTheWholeIndexAndOffsetRangeAndInstallsTheHandler() {
        Engine engine = engine(MemoryStrategy.GUARD_PAGES);
        int rangesBefore = CodeRangeTable.liveRanges();
        Module module = engine.compile(WASM);
        assertThat(CodeRangeTable.liveRanges()).isEqualTo(rangesBefore + 1);
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker().instantiate(store, module);
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(memory.guarded()).isTrue();
            assertThat(GuardPageSignals.installed()).isTrue();
            assertThat(CodeRangeTable.contains(module.codeAddress())).isTrue();
        }
        try (Store store = Store.create(engine(MemoryStrategy.EXPLICIT_CHECKS))) {
            Memory memory = Memory.create(store, new dev.windlass.winch.wasm.MemoryType(
                    new dev.windlass.winch.wasm.Limits(1, 2, true), false, false));
            assertThat(memory.guarded()).isFalse();
        }
    }

    @Test
    void closingStoresUnmapsTheirReservations() {
        // 20,000 reservations of 8 GiB are 160 TiB: more than the 128 TiB of a process, so a leak fails here
        Engine engine = engine(MemoryStrategy.GUARD_PAGES);
        Module module = engine.compile(WASM);
        for (int i = 0; i < 20_000; i++) {
            try (Store store = Store.create(engine)) {
                Instance instance = new Linker().instantiate(store, module);
                if (i % 5000 == 0) {
                    assertOutOfBounds(trap(instance.func("load_i32").orElseThrow(), PAGE), 0, 0x28);
                }
            }
        }
    }
}
