package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.ValType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Active data segments of a defined memory come from a copy-on-write image of the module
 * ({@link DataImages}): the memory maps the image's file instead of receiving copies, sees the
 * segments in order (a later one over an earlier one), and a memory recycled by the pool shows
 * the pristine image again, or zeros to a module without it. Where an image cannot apply
 * (offsets from imported globals, a segment that traps, imported memories) the segments are
 * copied in order, as the spec describes.
 */
class DataImageTest {

    private static String text(Memory memory, long offset, int length) {
        return memory.readString(offset, length);
    }

    /** {@return the line of /proc/self/maps for the mapping that starts at {@code address}} */
    private static String mappingAt(long address) throws IOException {
        String start = Long.toHexString(address) + "-";
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.startsWith(start))
                .findFirst().orElse("");
    }

    @Test
    void segmentsAreMappedFromTheModulesImageInTheirOrder() throws IOException {
        Engine engine = Engine.create();
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "images");
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(text(memory, 0, 5)).isEqualTo("fiXYt");
            assertThat(text(memory, 70000, 3)).isEqualTo("far");
            assertThat(memory.read(5, 1)).containsExactly(0);
            assertThat(memory.read(4 * 65536 - 1, 1)).containsExactly(0);
            assertThat(text(instance.memory("second").orElseThrow(), 10, 3)).isEqualTo("two");
            // The bytes come from the image's file, not from a copy into anonymous memory.
            assertThat(mappingAt(memory.segment().address())).contains("memfd:windlass-data-0");
            // Passive segments stay passive.
            instance.func("init").orElseThrow().call(100);
            assertThat(text(memory, 100, 7)).isEqualTo("passive");
        }
    }

    @Test
    void aRecycledMemoryShowsThePristineImageAgain() {
        Engine engine = Engine.create();
        long base;
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "images");
            Func store8 = instance.func("store8").orElseThrow();
            store8.call(0, 'Z');
            store8.call(70001, 'Q');
            store8.call(3 * 65536, 7); // beyond the image
            assertThat(text(instance.memory("memory").orElseThrow(), 0, 1)).isEqualTo("Z");
            base = instance.memory("memory").orElseThrow().segment().address();
        }
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "images");
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(memory.segment().address()).as("the pooled memory").isEqualTo(base);
            assertThat(text(memory, 0, 5)).isEqualTo("fiXYt");
            assertThat(text(memory, 70000, 3)).isEqualTo("far");
            assertThat(memory.read(3 * 65536, 1)).containsExactly(0);
        }
    }

    @Test
    void aMemoryWithManyPagesWrittenIsResetToo() {
        Engine engine = Engine.create();
        try (Store store = Store.create(engine)) {
            Memory memory = TestModules.instantiate(store, "images").memory("memory").orElseThrow();
            assertThat(memory.grow(2)).isEqualTo(4);
            memory.segment().fill((byte) 0x77); // 384 pages of 4 KiB: more than a reset rewrites one by one
        }
        try (Store store = Store.create(engine)) {
            Memory memory = TestModules.instantiate(store, "images").memory("memory").orElseThrow();
            assertThat(memory.pages()).isEqualTo(4);
            assertThat(text(memory, 0, 5)).isEqualTo("fiXYt");
            assertThat(text(memory, 70000, 3)).isEqualTo("far");
            assertThat(memory.read(5, 70000 - 5)).containsOnly(0);
            assertThat(memory.read(70003, 4 * 65536 - 70003)).containsOnly(0);
            assertThat(memory.grow(2)).isEqualTo(4);
            assertThat(memory.read(4 * 65536, 2 * 65536)).containsOnly(0);
        }
    }

    @Test
    void anotherModuleGetsZerosWhereTheImageWas() {
        Engine engine = Engine.create(Config.builder().memoryPoolSlots(1).build());
        long base;
        try (Store store = Store.create(engine)) {
            base = TestModules.instantiate(store, "images").memory("memory").orElseThrow().segment().address();
        }
        try (Store store = Store.create(engine)) {
            Memory memory = TestModules.instantiate(store, "limits").memory("memory").orElseThrow();
            assertThat(memory.segment().address()).as("the same reservation, recycled").isEqualTo(base);
            assertThat(memory.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        }
        try (Store store = Store.create(engine)) {
            Memory memory = TestModules.instantiate(store, "images").memory("memory").orElseThrow();
            assertThat(text(memory, 0, 5)).isEqualTo("fiXYt");
        }
    }

    @Test
    void guardPageMemoriesMapTheImageToo() throws IOException {
        Engine engine = Engine.create(Config.builder().memoryStrategy(MemoryStrategy.GUARD_PAGES).build());
        try (Store store = Store.create(engine)) {
            Instance instance = TestModules.instantiate(store, "images");
            Memory memory = instance.memory("memory").orElseThrow();
            assertThat(instance.func("load8").orElseThrow().callI32(3)).isEqualTo('Y');
            assertThat(text(memory, 70000, 3)).isEqualTo("far");
            assertThat(mappingAt(memory.segment().address())).contains("memfd:windlass-data-0");
            assertThatThrownBy(() -> instance.func("load8").orElseThrow().call(4 * 65536))
                    .isInstanceOf(WasmTrap.class);
        }
    }

    @Test
    void anOffsetFromAnImportedGlobalIsCopiedPerInstance() {
        Engine engine = Engine.create();
        Module module = TestModules.compile(engine, "images_global");
        for (int base : new int[] {100, 200}) {
            try (Store store = Store.create(engine)) {
                Global global = Global.create(store, new GlobalType(ValType.I32, false), base);
                Memory memory = new Linker().define("env", "base", global).instantiate(store, module)
                        .memory("memory").orElseThrow();
                assertThat(text(memory, 0, 5)).isEqualTo("fixed");
                assertThat(text(memory, base, 5)).isEqualTo("moved");
                assertThat(memory.read(base == 100 ? 200 : 100, 1)).containsExactly(0);
            }
        }
    }

    @Test
    void segmentsBeforeOneThatTrapsReachAnImportedMemory() {
        Engine engine = Engine.create();
        Module module = TestModules.compile(engine, "images_trap");
        try (Store store = Store.create(engine)) {
            Memory imported = Memory.create(store, new MemoryType(new Limits(1, 0, false), false, false));
            Linker linker = new Linker().define("env", "memory", imported);
            assertThatThrownBy(() -> linker.instantiate(store, module))
                    .isInstanceOfSatisfying(WasmTrap.class,
                            trap -> assertThat(trap.trapCode()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS));
            assertThat(new String(imported.read(0, 7), StandardCharsets.UTF_8)).isEqualTo("applied");
            assertThat(imported.read(65535, 1)).containsExactly(0);
        }
    }
}
