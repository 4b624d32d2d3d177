package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * References are opaque, store-checked values ({@code wat/refs.wat}): no API takes or gives a
 * native address, a reference of another store is refused with "object used with the wrong
 * store", null is the null of the slot's type; and the other places where a Java value becomes
 * an address, offset or size are checked.
 */
class RefSafetyTest {

    private static final String WRONG_STORE = "object used with the wrong store";

    private final Engine engine = Engine.create();
    private final Store storeA = Store.create(engine);
    private final Store storeB = Store.create(engine);
    private final RefsFixture a = new RefsFixture(storeA);
    private final RefsFixture b = new RefsFixture(storeB);

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
        engine.close();
    }

    @Test
    void aNumberIsNeverAReference() {
        // The crash: a made-up address as a funcref, then call_indirect through it.
        assertThatThrownBy(() -> a.func("store_and_call").call(0x4141414141L, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callValues");
        assertThatThrownBy(() -> a.func("store_and_call").callValues(0x4141414141L, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a Func or null");
        assertThatThrownBy(() -> a.func("get_double").callI64())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.func("echo_extern").callValues("a string"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an ExternRef or null");
        assertThatThrownBy(() -> a.global("fglobal").get()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.global("fglobal").set(0x4141414141L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Global.create(storeA, new GlobalType(ValType.FUNCREF, true), 0x4141414141L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.global("iglobal").getRef()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFuncrefRoundTripsAsAFuncAndCallsThroughTablesAndGlobals() {
        Func dbl = (Func) a.func("get_double").callValues()[0];
        assertThat(dbl.store()).isSameAs(storeA);
        assertThat(dbl.callI32(21)).isEqualTo(42);
        a.funcs().set(1, dbl);
        assertThat(a.func("call_at").callI32(1, 5)).isEqualTo(10);
        assertThat(((Func) a.funcs().get(1)).callI32(4)).isEqualTo(8);
        assertThat(a.func("store_and_call").callValues(dbl, 7)).containsExactly(14);
        a.global("fglobal").setRef(dbl);
        assertThat(((Func) a.global("fglobal").getRef()).callI32(3)).isEqualTo(6);
        // An exported function is a funcref too.
        a.funcs().set(2, a.func("double"));
        assertThat(a.func("call_at").callI32(2, 50)).isEqualTo(100);
        // Null is the null of the slot's type.
        a.funcs().set(2, null);
        assertThat(a.funcs().get(2)).isNull();
        assertThat(catchThrowableOfType(WasmTrap.class, () -> a.func("call_at").call(2, 1)).trapCode())
                .isEqualTo(TrapCode.INDIRECT_CALL_TO_NULL);
        assertThat(a.func("store_and_call").callValues(dbl, 1)).containsExactly(2);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> a.func("store_and_call").callValues(null, 1))
                .trapCode()).isEqualTo(TrapCode.INDIRECT_CALL_TO_NULL);
        // Through a host function, both ways.
        assertThat(a.func("pass").callValues(null, dbl)[0]).isInstanceOf(Func.class);
        assertThat(a.func("pass").callValues(null, null)[0]).isNull();
        // A host function of an instance is a funcref of its store.
        Func host = a.instance.function(0);
        a.funcs().set(3, host);
        assertThat(a.funcs().get(3)).isInstanceOf(Func.class);
    }

    @Test
    void aReferenceOfAnotherStoreIsRefusedEverywhere() {
        Func fromA = (Func) a.func("get_double").callValues()[0];
        ExternRef externA = ExternRef.of(storeA, "a's");
        assertThatThrownBy(() -> b.func("store_and_call").callValues(fromA, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.funcs().set(0, fromA)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.funcs().grow(1, fromA)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.funcs().fill(0, fromA, 1)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.global("fglobal").setRef(fromA)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.externs().set(0, externA)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> b.func("echo_extern").callValues(externA)).hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> Table.create(storeB, new TableType(ValType.FUNCREF, Limits.atLeast(1), false), fromA))
                .hasMessage(WRONG_STORE);
        assertThatThrownBy(() -> Global.create(storeB, new GlobalType(ValType.EXTERNREF, true), externA))
                .hasMessage(WRONG_STORE);
        // A host function of B that returns A's funcref: the call traps with the exception as cause.
        b.passResult = fromA;
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> b.func("pass").callValues(null, null));
        assertThat(trap.trapCode()).isEqualTo(TrapCode.HOST_EXCEPTION);
        assertThat(trap.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage(WRONG_STORE);
        // B's table still holds nothing of A's, and B still works.
        assertThat(b.funcs().get(0)).isNull();
        assertThat(b.func("double").callI32(4)).isEqualTo(8);
    }

    @Test
    void aReferenceOfTheWrongTypeIsRefused() {
        Func dbl = a.func("double");
        ExternRef ref = ExternRef.of(storeA, 1);
        assertThatThrownBy(() -> a.funcs().set(0, ref)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.externs().set(0, dbl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.global("xglobal").setRef(dbl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.func("echo_extern").callValues(dbl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExternRef.of(storeA, null)).isInstanceOf(NullPointerException.class);
        // A host function outside any instance has no funcref.
        Func loose = Func.host(storeA, new FuncType(List.of(), List.of()), call -> { });
        assertThatThrownBy(() -> a.funcs().set(0, loose)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void externrefsCarryHostObjectsThroughCodeTablesAndGlobals() {
        Object payload = new Object();
        ExternRef ref = ExternRef.of(storeA, payload);
        assertThat(a.func("echo_extern").callValues(ref)[0]).isSameAs(ref);
        assertThat(a.func("echo_extern").callValues((Object) null)[0]).isNull();
        assertThat(a.func("extern_is_null").callValues(ref)).containsExactly(0);
        assertThat(a.func("extern_is_null").callValues((Object) null)).containsExactly(1);
        assertThat(a.func("keep").callValues(ref)[0]).isSameAs(ref);
        a.func("set_extern").callValues(1, ref);
        assertThat(a.externs().get(1)).isSameAs(ref);
        assertThat(((ExternRef) a.func("get_extern").callValues(1)[0]).value()).isSameAs(payload);
        a.global("xglobal").setRef(ref);
        assertThat(a.global("xglobal").getRef()).isSameAs(ref);
        Global created = Global.create(storeA, new GlobalType(ValType.EXTERNREF, false), ref);
        assertThat(created.getRef()).isSameAs(ref);
        Table table = Table.create(storeA, new TableType(ValType.EXTERNREF, Limits.between(2, 8), false), ref);
        assertThat(table.get(1)).isSameAs(ref);
        assertThat(table.grow(2, null)).isEqualTo(2);
        assertThat(table.get(3)).isNull();
    }

    @Test
    void hostCallAccessorsKeepNumbersAndReferencesApart() {
        FuncType mixed = new FuncType(List.of(ValType.EXTERNREF, ValType.I32), List.of(ValType.I32, ValType.FUNCREF));
        Func host = Func.host(storeA, mixed, call -> {
            assertThatThrownBy(() -> call.i64(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> call.ref(1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> call.setI64(1, 0x4141414141L)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> call.setRef(0, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> call.i32(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> call.setRef(2, null)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(call.ref(0)).isInstanceOf(ExternRef.class);
            call.setI64(0, 0xFFFF_FFFF_0000_0009L); // an i32 result keeps its low 32 bits
            call.setRef(1, a.func("double"));
        });
        Object[] results = host.callValues(ExternRef.of(storeA, "x"), 1);
        assertThat(results[0]).isEqualTo(9);
        assertThat(((Func) results[1]).callI32(2)).isEqualTo(4);
    }

    @Test
    void numbersAreNarrowedToTheirTypeOnTheWayIn() {
        assertThat(a.func("widen").callI64(0xFFFF_FFFF_0000_0005L)).isEqualTo(5);
        assertThat(a.func("widen").callValues(-1)).containsExactly(0xFFFF_FFFFL);
        Global i32 = a.global("iglobal");
        i32.set(0x1234_5678_0000_0003L);
        assertThat(i32.get()).isEqualTo(3);
        assertThat(Global.create(storeA, new GlobalType(ValType.I32, false), -1L).get()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> a.func("size_funcs").callI32(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.func("set_extern").callValues(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indicesOffsetsAndSizesAreChecked() {
        Table funcs = a.funcs();
        assertThatThrownBy(() -> funcs.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.get(Long.MIN_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.set(1L << 40, null)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.fill(2, null, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.fill(-1, null, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.fill(0, null, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> funcs.fill(Long.MAX_VALUE, null, Long.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class);
        funcs.fill(0, a.func("double"), 4);
        assertThat(a.func("call_at").callI32(3, 8)).isEqualTo(16);
        assertThat(funcs.grow(-1, null)).isEqualTo(-1);
        assertThat(funcs.grow(Long.MAX_VALUE, null)).isEqualTo(-1);
        assertThat(funcs.size()).isEqualTo(4);
        assertThat(a.func("grow_funcs").callValues(null, -1)).containsExactly(-1);

        Memory memory = Memory.create(storeA, new MemoryType(Limits.between(1, 2), false, false));
        long size = memory.byteSize();
        assertThatThrownBy(() -> memory.read(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.read(size, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.read(0, -1)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> memory.read(Long.MAX_VALUE, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.write(size - 1, new byte[2])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.write(Long.MIN_VALUE, new byte[1])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.readString(size - 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, size))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(memory.grow(-1)).isEqualTo(-1);
        assertThat(memory.grow(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(memory.grow(Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(memory.byteSize()).isEqualTo(size);
    }
}
