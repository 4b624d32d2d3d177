package dev.windlass.nativemem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class CodeRangeTableTest {

    private static long word(long offset) {
        return MemorySegment.ofAddress(CodeRangeTable.address()).reinterpret(64).get(ValueLayout.JAVA_LONG, offset);
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
        assertThat(word(0)).as("slots in use, as the handler reads it").isGreaterThanOrEqualTo(Math.max(a, b) + 1);
        CodeRangeTable.remove(a);
        CodeRangeTable.remove(b);
        assertThat(CodeRangeTable.liveRanges()).isEqualTo(before);
        assertThatThrownBy(() -> CodeRangeTable.remove(b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeRangeTable.add(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJvmHasAHandlerForSegvAndBusThatTakesSiginfo() {
        for (int signal : new int[] {Signals.SIGSEGV, Signals.SIGBUS}) {
            Signals.Action action = Signals.current(signal);
            assertThat(action.isDefaultOrIgnore()).isFalse();
            assertThat(action.flags() & Signals.SA_SIGINFO).isNotZero();
            assertThat(action.mask()).hasSize(128);
        }
    }
}
