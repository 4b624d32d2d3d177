package dev.windlass.winch.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrapCodeTest {

    @Test
    void codesArePositiveDistinctAndRoundTrip() {
        assertThat(Arrays.stream(TrapCode.values()).mapToInt(TrapCode::code)).allMatch(c -> c > 0).doesNotHaveDuplicates();
        for (TrapCode t : TrapCode.values()) {
            assertThat(TrapCode.ofCode(t.code())).isSameAs(t);
        }
    }

    @Test
    void zeroIsANormalReturnNotATrap() {
        assertThatThrownBy(() -> TrapCode.ofCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrapCode.ofCode(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesAreTheSpecInterpreters() {
        assertThat(TrapCode.INTEGER_DIVIDE_BY_ZERO.message()).isEqualTo("integer divide by zero");
        assertThat(TrapCode.STACK_OVERFLOW.message()).isEqualTo("call stack exhausted");
        assertThat(TrapCode.UNREACHABLE.message()).isEqualTo("unreachable");
    }
}
