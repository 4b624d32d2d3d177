package dev.windlass.nativemem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalsTest {

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
