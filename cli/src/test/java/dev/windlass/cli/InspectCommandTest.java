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
                .contains("host.log: func (i32, i64) -> ()")
                .contains("\"fib\": [2] $fib")
                .contains("[2] $fib (i32) -> (i64), body 45 bytes")
                .contains("[0] global (mut i32)")
                .contains("\"main\": [4] $main")
                .contains("\"name\":");
    }

    @Test
    void aFileIsDescribed() throws Exception {
        Path file = folder.resolve("m.wasm");
        Files.write(file, InspectCommand.demoBytes());

        assertThat(cli.windlass("inspect", file.toString())).isZero();
        assertThat(cli.out()).contains("module " + file + " $demo: 381 bytes");
    }

    @Test
    void aBrokenModuleIsReportedWithItsTypedErrorAndStatusOne() throws Exception {
        Path file = folder.resolve("bad.wasm");
        Files.write(file, HexFormat.of().parseHex("0061736d01000000" + "0105"));

        assertThat(cli.windlass("inspect", file.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("bad.wasm: WasmMalformedException: length out of bounds (at byte offset 0x9)");
    }
}
