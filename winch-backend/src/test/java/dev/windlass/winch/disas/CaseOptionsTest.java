package dev.windlass.winch.disas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.compile.CodeOptions;
import dev.windlass.winch.vm.MemoryStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseOptionsTest {

    @Test
    void withoutAnOptionsLineACaseUsesTheDefaultsOnTheFixedTarget() {
        CaseOptions options = CaseOptions.fromHeader(List.of(";; just a comment", "(module)"));
        assertThat(options.code()).isEqualTo(CodeOptions.DEFAULT);
        assertThat(options.target()).isEqualTo(CaseOptions.NamedTarget.V3);
        assertThat(options.stubs()).isFalse();
    }

    @Test
    void theOptionsLineSetsMeteringMemoryTargetAndStubs() {
        CaseOptions options = CaseOptions.fromHeader(
                List.of(";; options: fuel epochs memory=guard target=baseline stubs", "(module)"));
        assertThat(options.code().metering().fuel()).isTrue();
        assertThat(options.code().metering().epochs()).isTrue();
        assertThat(options.code().memoryStrategy()).isEqualTo(MemoryStrategy.GUARD_PAGES);
        assertThat(options.target()).isEqualTo(CaseOptions.NamedTarget.BASELINE);
        assertThat(options.stubs()).isTrue();
    }

    @Test
    void anOptionsLineAfterTheHeaderIsNotAnOption() {
        CaseOptions options = CaseOptions.fromHeader(List.of("(module", ";; options: fuel", ")"));
        assertThat(options.code().metering().fuel()).isFalse();
    }

    @Test
    void aMisspelledOptionIsRefused() {
        assertThatThrownBy(() -> CaseOptions.fromHeader(List.of(";; options: feul")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feul");
    }
}
