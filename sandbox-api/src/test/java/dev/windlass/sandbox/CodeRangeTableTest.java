package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.vm.CodeRangeTableLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class CodeRangeTableTest {

    private static long word(long offset) {
        return MemorySegment.ofAddress(CodeRangeTable.address()).reinterpret(offset + 8).get(ValueLayout.JAVA_LONG, offset);
    }

    @Test
    void rangesAreFoundUntilRemovedAndFreedSlotsAreReused() {
        int before = CodeRangeTable.liveRanges();
        int a = CodeRangeTable.add(0x10_0000, 0x10_1000);
        int b = CodeRangeTable.add(0x20_0000, 0x20_0800);
        assertThat(CodeRangeTable.contains(0x10_0000)).isTrue();
        assertThat(CodeRangeTable.contains(0x10_0fff)).isTrue();
        assertThat(CodeRangeTable.contains(0x10_1000)).isFalse();
        assertThat(CodeRangeTable.contains(0x20_0400)).isTrue();
        assertThat(CodeRangeTable.liveRanges()).isEqualTo(before + 2);

        CodeRangeTable.remove(a);
        assertThat(CodeRangeTable.contains(0x10_0000)).isFalse();
        assertThat(CodeRangeTable.add(0x30_0000, 0x30_1000)).as("the freed slot").isEqualTo(a);
        assertThat(word(CodeRangeTableLayout.SLOTS_IN_USE)).as("slots in use, as the handler reads it")
                .isGreaterThanOrEqualTo(Math.max(a, b) + 1);
        CodeRangeTable.remove(a);
        CodeRangeTable.remove(b);
        assertThat(CodeRangeTable.liveRanges()).isEqualTo(before);
        assertThatThrownBy(() -> CodeRangeTable.remove(b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeRangeTable.add(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRangeSitsWhereTheSignalHandlerReadsIt() {
        int slot = CodeRangeTable.add(0x40_0000, 0x40_2000);
        try {
            long at = CodeRangeTableLayout.slotOffset(slot);
            assertThat(word(at + CodeRangeTableLayout.SLOT_START)).isEqualTo(0x40_0000);
            assertThat(word(at + CodeRangeTableLayout.SLOT_END)).isEqualTo(0x40_2000);
        } finally {
            CodeRangeTable.remove(slot);
        }
        assertThat(word(CodeRangeTableLayout.slotOffset(slot) + CodeRangeTableLayout.SLOT_END)).as("a free slot")
                .isZero();
    }
}
