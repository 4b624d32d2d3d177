package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrapCodeTest {

    @Test
    void everyCompilerTrapCodeHasTheApiCodeOfTheSameNameAndMessage() {
        for (dev.windlass.winch.vm.TrapCode compiler : dev.windlass.winch.vm.TrapCode.values()) {
            TrapCode api = TrapCode.of(compiler);
            assertThat(api.name()).isEqualTo(compiler.name());
            assertThat(api.message()).isEqualTo(compiler.message());
        }
        assertThat(TrapCode.values()).hasSameSizeAs(dev.windlass.winch.vm.TrapCode.values());
    }

    @Test
    void everyApiMemoryStrategyAndCpuMapsToTheCompilersOfTheSameName() {
        for (MemoryStrategy strategy : MemoryStrategy.values()) {
            assertThat(strategy.compilerStrategy().name()).isEqualTo(strategy.name());
        }
        assertThat(TargetCpu.BASELINE.compilerTarget().features()).isEmpty();
        assertThat(Config.defaults().targetCpu()).isEqualTo(TargetCpu.HOST);
    }
}
