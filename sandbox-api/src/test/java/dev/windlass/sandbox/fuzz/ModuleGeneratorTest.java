package dev.windlass.sandbox.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmFeatures;
import org.junit.jupiter.api.Test;

/** The generator's own promises: valid modules, the same ones for the same seed. */
class ModuleGeneratorTest {

    @Test
    void everyGeneratedModuleValidates() {
        for (int index = 0; index < 1000; index++) {
            ModuleGenerator.GeneratedModule module = ModuleGenerator.generate(42, index);
            try {
                ModuleValidator.validate(ModuleDecoder.decode(module.bytes(), WasmFeatures.defaults()));
            } catch (RuntimeException e) {
                throw new AssertionError(module.label() + " does not validate: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aSeedAndIndexAlwaysGiveTheSameModule() {
        for (int index = 0; index < 20; index++) {
            assertThat(ModuleGenerator.generate(7, index).bytes()).isEqualTo(ModuleGenerator.generate(7, index).bytes());
        }
        assertThat(ModuleGenerator.generate(7, 0).bytes()).isNotEqualTo(ModuleGenerator.generate(8, 0).bytes());
    }
}
