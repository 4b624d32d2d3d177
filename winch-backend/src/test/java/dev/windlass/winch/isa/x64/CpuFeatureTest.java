package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.Gpr.RAX;
import static dev.windlass.winch.isa.x64.Gpr.RCX;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static dev.windlass.winch.isa.x64.Xmm.XMM0;
import static dev.windlass.winch.isa.x64.Xmm.XMM1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuFeatureTest {

    @Test
    void theBaselineTargetRefusesEveryOptionalInstruction() {
        X64Assembler asm = X64Assembler.create(Target.baseline());
        assertThatThrownBy(() -> asm.lzcnt(S32, RAX, RCX))
                .isInstanceOf(MissingCpuFeatureException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lzcnt needs CPU feature LZCNT")
                .extracting(e -> ((MissingCpuFeatureException) e).feature()).isEqualTo(CpuFeature.LZCNT);
        assertThatThrownBy(() -> asm.tzcnt(S64, RAX, RCX)).hasMessageContaining("tzcnt needs CPU feature BMI1");
        assertThatThrownBy(() -> asm.popcnt(S32, RAX, Amode.base(RCX))).hasMessageContaining("popcnt needs CPU feature POPCNT");
        assertThatThrownBy(() -> asm.roundss(XMM0, XMM1, RoundingMode.DOWN)).hasMessageContaining("roundss needs CPU feature SSE41");
        assertThatThrownBy(() -> asm.roundsd(XMM0, Amode.base(RAX), RoundingMode.UP)).hasMessageContaining("roundsd needs CPU feature SSE41");
        assertThat(asm.buffer().offset()).as("nothing emitted").isZero();
    }

    @Test
    void theBaselineTargetStillEmitsTheFallbacks() {
        X64Assembler asm = X64Assembler.create(Target.baseline());
        asm.bsr(S32, RAX, RCX);
        asm.bsf(S64, RAX, RCX);
        assertThat(asm.buffer().finish().code()).containsExactly(0x0F, 0xBD, 0xC1, 0x48, 0x0F, 0xBC, 0xC1);
    }

    @Test
    void aTargetWithTheFeatureEmitsTheInstruction() {
        X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.LZCNT));
        asm.lzcnt(S32, RAX, RCX);
        assertThat(asm.buffer().finish().code()).containsExactly(0xF3, 0x0F, 0xBD, 0xC1);
        assertThatThrownBy(() -> X64Assembler.create(Target.of(CpuFeature.LZCNT)).tzcnt(S32, RAX, RCX))
                .isInstanceOf(MissingCpuFeatureException.class);
    }

    @Test
    void cpuinfoFlagsMapToFeaturesWithAbmMeaningLzcnt() {
        Target target = Target.fromCpuinfoFlags(" fpu sse2 abm popcnt sse4_1 avx2 bmi2 ");
        assertThat(target.features()).containsExactlyInAnyOrder(
                CpuFeature.LZCNT, CpuFeature.POPCNT, CpuFeature.SSE41, CpuFeature.AVX2, CpuFeature.BMI2);
        assertThat(Target.fromCpuinfoFlags("lzcnt sse4_2 avx bmi1").features())
                .containsExactlyInAnyOrder(CpuFeature.SSE42, CpuFeature.AVX, CpuFeature.BMI1);
        assertThat(Target.fromCpuinfoFlags("").features()).isEmpty();
    }

    @Test
    void targetsAreValues() {
        assertThat(Target.of(CpuFeature.AVX, CpuFeature.SSE41)).isEqualTo(Target.of(CpuFeature.SSE41, CpuFeature.AVX));
        assertThat(Target.of(CpuFeature.AVX).without(CpuFeature.AVX)).isEqualTo(Target.baseline());
        assertThat(Target.baseline().features()).isEmpty();
        assertThatThrownBy(() -> Target.baseline().features().add(CpuFeature.AVX))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theHostTargetMatchesProcCpuinfo() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Target host = Target.host();
        if (!Files.exists(cpuinfo)) {
            assertThat(host).isEqualTo(Target.baseline());
            return;
        }
        String flags = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags"))
                .findFirst().orElse("flags :");
        assertThat(host).isEqualTo(Target.fromCpuinfoFlags(flags.substring(flags.indexOf(':') + 1)));
        assertThat(host.has(CpuFeature.POPCNT)).isEqualTo((" " + flags + " ").contains(" popcnt "));
    }
}
