package dev.windlass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path folder;

    private final CliRun cli = new CliRun();

    @Test
    void withoutArgumentsItRunsTheDemoThroughMachineCodeAndHostCalls() {
        assertThat(cli.windlass("run")).isZero();

        assertThat(cli.out())
                .contains("embedded demo plugin: calling main[20]")
                .contains("host.log(0, 0)")
                .contains("host.log(19, 4181)")
                .contains("main returned [111]");
    }

    @Test
    void anyExportCanBeInvokedWithArguments() {
        assertThat(cli.windlass("run", "--invoke", "fib", "90")).isZero();
        assertThat(cli.out()).contains("fib returned [2880067194370816120]");

        assertThat(cli.windlass("run", "--invoke", "add", "-7", "3")).isZero();
        assertThat(cli.out()).contains("add returned [-4]");
    }

    @Test
    void aTrapIsReportedWithStatusTwo() throws Exception {
        // (func (export "boom") unreachable)
        Path file = folder.resolve("boom.wasm");
        Files.write(file, HexFormat.of().parseHex("0061736d01000000010401600000030201000708010462"
                + "6f6f6d00000a05010300000b"));

        assertThat(cli.windlass("run", "--invoke", "boom", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("wasm trap: unreachable in function 0");
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertThat(cli.windlass("run", "--invoke", "add", "1")).isEqualTo(2);
        assertThat(cli.err()).contains("add takes 2 arguments");
        assertThat(cli.windlass("run", "--invoke", "nothing")).isEqualTo(2);
        assertThat(cli.err()).contains("exports no function \"nothing\"");
    }

    @Test
    void aWasiCommandRunsWithItsArgumentsAndExitStatus() {
        Path suite = SharedTestData.require("wasi-testsuite/tests/assemblyscript/testsuite/wasm32-wasip1");

        assertThat(cli.windlass("run", suite.resolve("fd_write-to-stdout.wasm").toString())).isZero();
        assertThat(cli.out()).startsWith("hello");

        assertThat(cli.windlass("run", suite.resolve("proc_exit-failure.wasm").toString())).isEqualTo(33);

        assertThat(cli.windlass("run", "--env", "a=text", "--env", "b=escap \" ing", "--env", "c=new\nline",
                suite.resolve("environ_get-multiple-variables.wasm").toString())).isZero();
        assertThat(cli.windlass("run", suite.resolve("args_get-multiple-arguments.wasm").toString(),
                "first", "the \"second\" arg", "3")).isZero();
        assertThat(cli.windlass("run", suite.resolve("args_get-multiple-arguments.wasm").toString(), "wrong"))
                .isNotZero();
    }

    @Test
    void aModuleCompiledAheadOfTimeRunsAndABrokenOneIsRefused() throws Exception {
        Path wasm = folder.resolve("hello.wasm");
        Files.copy(SharedTestData.require("wasi-testsuite/tests/assemblyscript/testsuite/wasm32-wasip1")
                .resolve("fd_write-to-stdout.wasm"), wasm);

        assertThat(cli.windlass("compile", wasm.toString())).isZero();
        Path cwasm = folder.resolve("hello.cwasm");
        assertThat(cwasm).exists();
        assertThat(cli.windlass("run", cwasm.toString())).isZero();
        assertThat(cli.out()).contains("hello");

        byte[] broken = Files.readAllBytes(cwasm);
        broken[broken.length - 40] ^= 1;
        Files.write(cwasm, broken);
        assertThat(cli.windlass("run", cwasm.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("InvalidCompiledModuleException").contains("corrupted");
    }
}
