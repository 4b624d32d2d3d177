package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conditional branches of {@code wat/branch_state.wat}, which were miscompiled (issue 14):
 * lowering a branch taken on one path changed where the compiler believed values lived on the
 * other. Wrong answers, a read and a write outside the memory (the explicit bounds check took a
 * stale 64-bit register as an i32 address), and a float register returned unwritten.
 */
class BranchStateTest {

    private Store store;
    private Instance instance;

    @BeforeEach
    void instantiate() {
        store = Store.create(Engine.create());
        instance = TestModules.instantiate(store, "branch_state");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    @Test
    void conditionalReturnNotTakenKeepsTheLazyLocalRead() {
        assertThat(func("br_if_return").callI32(5, 0)).isEqualTo(6);
        assertThat(func("br_if_return").callI32(5, 1)).isEqualTo(5);
        assertThat(func("br_if_block").callI32(5, 0)).isEqualTo(6);
    }

    @Test
    void brTableStubsEachStartFromTheStateAtTheTable() {
        Func f = func("br_table_depths");
        assertThat(f.callI32(5, 0)).isEqualTo(5);
        assertThat(f.callI32(5, 1)).isEqualTo(5);
        assertThat(f.callI32(-3, 7)).isEqualTo(-3);
    }

    @Test
    void returnedParamsInSwappedOrderArriveWhole() {
        for (int k = 0; k < 4; k++) {
            assertThat(func("br_table_returns").call(11, 22, k)).as("k=%d", k).containsExactly(22, 11);
        }
        assertThat(func("swap_return").call(1, 2, 1)).containsExactly(2, 1);
        assertThat(func("swap_return").call(1, 2, 0)).containsExactly(12, 21);
    }

    @Test
    void loadAfterANotTakenBranchReadsInsideTheMemory() {
        instance.memory("memory").orElseThrow().write(4, new byte[] {0x2a, 0, 0, 0});
        assertThat(func("peek").callI32(0)).isEqualTo(42);
        assertThat(func("peek").callI32(65528)).isZero();
    }

    @Test
    void storeAfterANotTakenBranchWritesOnlyItsOwnMemory() {
        Instance neighbour = TestModules.instantiate(store, "branch_state");
        Memory theirs = neighbour.memory("memory").orElseThrow();
        Memory ours = instance.memory("memory").orElseThrow();
        assertThat(func("poke").callI32(0, 0x1122334455667788L)).isEqualTo(1);
        assertThat(ByteBuffer.wrap(ours.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(0x1122334455667788L);
        assertThat(theirs.read(65536 - 16, 16)).containsOnly(0);
        assertThat(ours.read(8, 65536 - 8)).containsOnly(0);
    }

    @Test
    void floatReturnedAfterACallIsTheParamNotAStaleRegister() {
        Func f = func("float_after_call");
        assertThat(Double.longBitsToDouble(f.call(Double.doubleToRawLongBits(2.25), 0)[0])).isEqualTo(3.25);
        assertThat(Double.longBitsToDouble(f.call(Double.doubleToRawLongBits(2.25), 1)[0])).isEqualTo(2.25);
    }

    @Test
    void i32AndF32ResultsComeWithoutStaleUpperBits() {
        assertThat(func("wrapped").call(0x1_0000_0005L)).containsExactly(5L, 5L);
        assertThat(func("wrapped").call(0x7_FFFF_FFFFL)).containsExactly(-1L, 0xFFFF_FFFFL);
        assertThat(func("wrapped").callI32(0x1_0000_0005L)).isEqualTo(5);
    }
}
