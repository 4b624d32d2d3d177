package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.winch.compile.CompiledModuleFormat;
import dev.windlass.winch.compile.InvalidCompiledModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled modules as bytes ({@code .cwasm}, {@link Engine#serialize}/{@link Engine#deserialize})
 * and in the disk cache: a good file runs exactly like the module compiled; a truncated,
 * bit-flipped or foreign one is refused (or, in the cache, compiled again) and never runs.
 */
class CompiledModuleFileTest {

    private static final byte[] CONTROL = TestModules.bytes("control");

    private static int fib(Engine engine, Module module, int n) {
        try (Store store = Store.create(engine)) {
            return new Linker().instantiate(store, module).func("fib").orElseThrow().callI32(n);
        }
    }

    @Test
    void aSerializedModuleRunsInAnotherEngineWithTheSameSettings() {
        Engine first = Engine.create();
        byte[] cwasm = first.serialize(first.compile(CONTROL));
        assertThat(CompiledModuleFormat.looksCompiled(cwasm)).isTrue();

        Engine second = Engine.create();
        Module loaded = second.deserialize(cwasm);

        assertThat(fib(second, loaded, 20)).isEqualTo(6765);
        assertThat(loaded.codeSize()).isEqualTo(first.compile(CONTROL).codeSize());
        try (Store store = Store.create(second)) {
            WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> new Linker().instantiate(store, loaded)
                    .func("divmod").orElseThrow().call(1, 0));
            assertThat(trap.trapCode()).isEqualTo(TrapCode.INTEGER_DIVIDE_BY_ZERO);
            assertThat(trap.functionIndex()).isNotNegative();
        }
    }

    @Test
    void everyTruncationIsRefused() {
        Engine engine = Engine.create();
        byte[] cwasm = engine.serialize(engine.compile(CONTROL));

        for (int length = 0; length < cwasm.length; length += 1 + length / 64) {
            byte[] truncated = Arrays.copyOf(cwasm, length);
            assertThatThrownBy(() -> engine.deserialize(truncated)).as("length %d", length)
                    .isInstanceOf(InvalidCompiledModuleException.class);
        }
    }

    @Test
    void flippedBitsAnywhereAreRefused() {
        Engine engine = Engine.create();
        byte[] cwasm = engine.serialize(engine.compile(CONTROL));
        Random random = new Random(7);

        for (int i = 0; i < 2_000; i++) {
            byte[] flipped = cwasm.clone();
            int at = random.nextInt(flipped.length);
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> engine.deserialize(flipped)).as("bit flipped at byte %d", at)
                    .isInstanceOf(InvalidCompiledModuleException.class);
        }
    }

    @Test
    void aFileFromAnotherBuildOrSettingIsRefused() {
        Engine plain = Engine.create();
        Module module = plain.compile(CONTROL);
        byte[] otherBuild = CompiledModuleFormat.write(module.compiled(), "windlass 0.0.1 2020-01-01; format 1");
        byte[] plainFile = plain.serialize(module);
        Engine fuel = Engine.create(Config.builder().consumeFuel(true).build());

        assertThatThrownBy(() -> plain.deserialize(otherBuild)).isInstanceOf(InvalidCompiledModuleException.class)
                .hasMessageContaining("compiled by");
        assertThatThrownBy(() -> fuel.deserialize(plainFile)).isInstanceOf(InvalidCompiledModuleException.class)
                .hasMessageContaining("compiled by");
        assertThatThrownBy(() -> plain.deserialize(CONTROL)).isInstanceOf(InvalidCompiledModuleException.class);
    }

    @Test
    void theDiskCacheServesANewEngineAndReplacesABrokenFile(@TempDir Path folder) throws IOException {
        Config config = Config.builder().cacheDirectory(folder).build();
        Engine writer = Engine.create(config);
        assertThat(fib(writer, writer.compile(CONTROL), 15)).isEqualTo(610);
        List<Path> files = cachedFiles(folder);
        assertThat(files).hasSize(1);
        byte[] written = Files.readAllBytes(files.get(0));
        Engine again = Engine.create(config);
        assertThat(again.serialize(again.compile(CONTROL))).isEqualTo(written); // what the file holds

        Engine reader = Engine.create(config);
        assertThat(fib(reader, reader.compile(CONTROL), 15)).isEqualTo(610);

        byte[] broken = written.clone();
        broken[broken.length / 2] ^= 0x10;
        Files.write(files.get(0), broken);
        Engine afterDamage = Engine.create(config);
        assertThat(fib(afterDamage, afterDamage.compile(CONTROL), 15)).isEqualTo(610);
        assertThat(Files.readAllBytes(files.get(0))).isEqualTo(written); // compiled again and put back

        Files.write(files.get(0), Arrays.copyOf(written, 100));
        Engine afterTruncation = Engine.create(config);
        assertThat(fib(afterTruncation, afterTruncation.compile(CONTROL), 15)).isEqualTo(610);
        assertThat(cachedFiles(folder)).hasSize(1);
    }

    private static List<Path> cachedFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".cwasm")).toList();
        }
    }
}
