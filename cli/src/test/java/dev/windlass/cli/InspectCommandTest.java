package dev.windlass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path folder;

    private final CliRun cli = new CliRun();

    @Test
    void withoutAFileItDescribesTheEmbeddedDemo() {
        assertThat(cli.windlass("inspect")).isZero();

        assertThat(cli.out())
                .contains("module embedded demo plugin (demo.wasm) $demo")
                .contains("host.log: func (i32, i32) -> ()")
                .contains("\"fib\": [3] $fib")
                .contains("[3] $fib (i32) -> (i32), body 45 bytes")
                .contains("[0] memory (min 1, max 16)")
                .contains("[0] active, table 0, 2 x funcref")
                .contains("[0] active, memory 0, 19 bytes")
                .contains("\"name\":");
    }

    @Test
    void aFileIsDescribed() throws Exception {
        Path file = folder.resolve("m.wasm");
        Files.write(file, InspectCommand.demoBytes());

        assertThat(cli.windlass("inspect", file.toString())).isZero();
        assertThat(cli.out()).contains("module " + file + " $demo: 432 bytes");
    }

    @Test
    void aBrokenModuleIsReportedWithItsTypedErrorAndStatusOne() throws Exception {
        Path file = folder.resolve("bad.wasm");
        Files.write(file, HexFormat.of().parseHex("0061736d01000000" + "0105"));

        assertThat(cli.windlass("inspect", file.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("bad.wasm: WasmMalformedException: length out of bounds (at byte offset 0x9)");
    }
}
