package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A store's native blocks are freed at close with no arena to guard them, so every host API
 * that reaches them claims the store first: after {@link Store#close()} each one throws
 * {@link IllegalStateException}, racing one with a close never touches freed memory, and views
 * of linear memory die with their store (or, for a forgotten confined store, keep their memory
 * mapped for as long as they are reachable).
 */
class UseAfterCloseTest {

    private static final GlobalType MUTABLE_I64 = new GlobalType(ValType.I64, true);

    @Test
    void everyAccessAfterCloseThrows() {
        Engine engine = Engine.create(Config.builder().consumeFuel(true).build());
        Store store = Store.create(engine);
        Module module = TestModules.compile(engine, "images");
        InstancePre pre = new Linker().instantiatePre(module);
        Instance instance = pre.instantiate(store);
        Memory memory = instance.memory("memory").orElseThrow();
        MemorySegment view = memory.segment();
        Global global = Global.create(store, MUTABLE_I64, 42);
        Table table = Table.create(store, new TableType(ValType.FUNCREF, Limits.between(2, 4), false), null);
        Func load8 = instance.func("load8").orElseThrow();
        store.setFuel(1_000);
        store.close();

        assertThatThrownBy(global::get).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> global.set(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.get(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.set(0, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.grow(1, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.read(0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.write(0, new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.grow(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(memory::pages).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(memory::segment).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> view.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> load8.call(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::getFuel).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.setFuel(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pre.instantiate(store)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Global.create(store, MUTABLE_I64, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Memory.create(store, new MemoryType(new Limits(1, 0, false), false, false)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostCallKeptPastItsCallThrows() {
        Engine engine = Engine.create();
        AtomicReference<HostCall> kept = new AtomicReference<>();
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker()
                    .define("host", "greet", new dev.windlass.winch.wasm.FuncType(
                            java.util.List.of(ValType.I32, ValType.I32), java.util.List.of(ValType.I32)), call -> {
                        kept.set(call);
                        call.setI32(0, call.i32(1));
                    })
                    .instantiate(store, TestModules.compile(engine, "caller"));
            instance.func("run").orElseThrow().callI32();
        }
        assertThatThrownBy(() -> kept.get().i32(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kept.get().setI32(0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostCallHandedToAnotherThreadCannotBeUsedThere() {
        Engine engine = Engine.create();
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        try (Store store = Store.create(engine)) {
            Instance instance = new Linker()
                    .define("host", "greet", new dev.windlass.winch.wasm.FuncType(
                            java.util.List.of(ValType.I32, ValType.I32), java.util.List.of(ValType.I32)), call -> {
                        Thread other = Thread.ofPlatform().start(() -> {
                            try {
                                call.setI32(0, 99); // would write the store's slots from a thread that does not hold it
                            } catch (Throwable t) {
                                fromOtherThread.set(t);
                            }
                        });
                        other.join();
                        call.setI32(0, call.i32(1));
                    })
                    .instantiate(store, TestModules.compile(engine, "caller"));
            assertThat(instance.func("run").orElseThrow().callI32()).isEqualTo(5); // greet returns 5; nothing stored at 0
        }
        assertThat(fromOtherThread.get()).isInstanceOf(WrongThreadException.class);
    }

    @Test
    void aConfinedStoresViewsCloseWithItAndOtherThreadsCannotReachIt() throws Exception {
        Engine engine = Engine.create();
        Store store = Store.createConfined(engine);
        Instance instance = TestModules.instantiate(store, "images");
        Memory memory = instance.memory("memory").orElseThrow();
        Global global = Global.create(store, MUTABLE_I64, 7);
        MemorySegment view = memory.segment();
        assertThat(view.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 'f');

        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                global.get();
            } catch (Throwable t) {
                fromOtherThread.set(t);
            }
        });
        other.start();
        other.join();
        assertThat(fromOtherThread.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("confined");

        store.close();
        assertThatThrownBy(() -> view.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(global::get).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Another thread reads a global and the memory as fast as it can while this one closes the
     * store: each read returns the value or throws IllegalStateException (the store is in use,
     * or closed), and the close waits its turn; nothing reads freed memory (that would crash or
     * return garbage).
     */
    @Test
    void accessesRacingACloseNeverReachFreedMemory() throws Exception {
        Engine engine = Engine.create();
        for (int round = 0; round < 200; round++) {
            Store store = Store.create(engine);
            Memory memory = TestModules.instantiate(store, "images").memory("memory").orElseThrow();
            Global global = Global.create(store, MUTABLE_I64, 0x1234_5678_9ABCL);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        try {
                            long value = global.get();
                            byte[] bytes = memory.read(0, 5);
                            if (value != 0x1234_5678_9ABCL || bytes[0] != 'f') {
                                failure.set(new AssertionError("read " + Long.toHexString(value) + ", " + bytes[0]));
                                return;
                            }
                        } catch (IllegalStateException e) {
                            if (e.getMessage().contains("closed")) {
                                return;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            while (true) {
                try {
                    store.close();
                    break;
                } catch (IllegalStateException inUse) {
                    Thread.onSpinWait();
                }
            }
            reader.join();
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void aViewOfAForgottenConfinedStoreKeepsItsMemoryMapped() throws Exception {
        Engine engine = Engine.create(Config.builder().memoryPoolSlots(0).build());
        MemorySegment view = viewOfForgottenConfinedStore(engine);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        // The store and its memory object are gone; the view's arena holds the reservation.
        assertThat(view.getString(0)).startsWith("fiXYt");
    }

    private static MemorySegment viewOfForgottenConfinedStore(Engine engine) {
        Store store = Store.createConfined(engine);
        return TestModules.instantiate(store, "images").memory("memory").orElseThrow().segment();
    }

    @Test
    void aViewOfAForgottenSharedStoreFailsOnceTheStoreIsReclaimed() throws Exception {
        Engine engine = Engine.create(Config.builder().memoryPoolSlots(0).build());
        MemorySegment view = viewOfForgottenSharedStore(engine);
        long end = System.nanoTime() + 10_000_000_000L;
        boolean closed = false;
        while (!closed && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(20);
            try {
                assertThat(view.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 'f'); // mapped until the arena closes
            } catch (IllegalStateException e) {
                closed = true;
            }
        }
        assertThat(closed).as("the Cleaner closed the views' arena").isTrue();
    }

    private static MemorySegment viewOfForgottenSharedStore(Engine engine) {
        Store store = Store.create(engine);
        return TestModules.instantiate(store, "images").memory("memory").orElseThrow().segment();
    }
}
