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

    /** {@return the path of the test module {@code wat/NAME.wasm}} (compiled from its {@code .wat} by wat2wasm) */
    static String module(String name) {
        try {
            return Path.of(RunCommandTest.class.getResource("/wat/" + name + ".wasm").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutArgumentsItRunsTheDemoThroughMachineCodeAndHostCalls() {
        assertThat(cli.windlass("run")).isZero();

        assertThat(cli.out())
                .contains("embedded demo plugin: calling main(20)")
                .contains("host.log(0, 0)")
                .contains("host.log(19, 4181)")
                .endsWith("4181)" + System.lineSeparator() + "111" + System.lineSeparator());
    }

    @Test
    void anExportOfTheDemoCanBeInvokedWithArguments() {
        assertThat(cli.windlass("run", "--invoke", "fib", "90")).isZero();
        assertThat(cli.out()).contains("2880067194370816120");

        assertThat(cli.windlass("run", "--invoke", "add", "-7", "3")).isZero();
        assertThat(cli.out()).endsWith(System.lineSeparator() + "-4" + System.lineSeparator());
    }

    @Test
    void invokeParsesArgumentsByParameterTypeAndPrintsEachResultOnItsLine() {
        assertThat(cli.windlass("run", "--invoke", "add_i32", module("values"), "2147483647", "1")).isZero();
        assertThat(cli.windlass("run", "--invoke", "add_i32", module("values"), "0xffffffff", "4294967295")).isZero();
        assertThat(cli.windlass("run", "--invoke", "add_i64", module("values"),
                "9223372036854775807", "-9223372036854775807")).isZero();
        assertThat(cli.windlass("run", "--invoke", "mul_f32", module("values"), "1.5", "-2")).isZero();
        assertThat(cli.windlass("run", "--invoke", "mul_f32", module("values"), "1e10", "1")).isZero();
        assertThat(cli.windlass("run", "--invoke", "div_f64", module("values"), "1", "3")).isZero();
        assertThat(cli.windlass("run", "--invoke", "div_f64", module("values"), "-1", "0")).isZero();
        assertThat(cli.windlass("run", "--invoke", "div_f64", module("values"), "0", "0")).isZero();
        assertThat(cli.windlass("run", "--invoke", "swap", module("values"), "7", "0.25")).isZero();

        assertThat(cli.out().lines()).containsExactly(
                "-2147483648", "-2", "0", "-3", "10000000000", "0.3333333333333333", "-inf", "NaN", "0.25", "7");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aFileWhoseNameStartsWithADigitIsRunNotPassedToTheDemo() throws Exception {
        // Relative to the working directory, so that the argument itself starts with the digit.
        Path file = Path.of("09-run-command-test.wasm");
        Files.copy(Path.of(module("values")), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            assertThat(cli.windlass("run", "--invoke", "add_i32", file.toString(), "2", "3")).isZero();
            assertThat(cli.out().lines()).containsExactly("5");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(cli.windlass("run", "--invoke", "add", "0x10", "-7")).isZero(); // numbers: the demo's
        assertThat(cli.out()).endsWith(System.lineSeparator() + "9" + System.lineSeparator());
    }

    @Test
    void theTimeoutCoversCompilation() {
        Path big = SharedTestData.require("bench/sightglass/rust-html-rewriter").resolve("benchmark.wasm");
        assertThat(cli.windlass("run", "--timeout", "1ms", big.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("ResourceLimitException").contains("budget of 1 ms");
    }

    @Test
    void spectreMitigationsCanBeTurnedOffWithoutChangingResults() {
        assertThat(cli.windlass("run", "--no-spectre-mitigations", "--invoke", "add_i32", module("values"), "2", "3"))
                .isZero();
        assertThat(cli.windlass("run", "--spectre-mitigations", "--invoke", "add_i32", module("values"), "2", "3"))
                .isZero();
        assertThat(cli.out().lines()).containsExactly("5", "5");
    }

    @Test
    void aReactorIsInitializedBeforeTheInvokedExport() {
        assertThat(cli.windlass("run", "--invoke", "initialized", module("values"))).isZero();
        assertThat(cli.out().lines()).containsExactly("42");
    }

    @Test
    void argumentsThatDoNotFitTheParametersAreUsageErrors() {
        assertThat(cli.windlass("run", "--invoke", "add_i32", module("values"), "1")).isEqualTo(2);
        assertThat(cli.err()).contains("add_i32 takes 2 arguments [i32, i32], got 1");

        assertThat(cli.windlass("run", "--invoke", "add_i32", module("values"), "1", "4294967296")).isEqualTo(2);
        assertThat(cli.err()).contains("argument 1 of add_i32 is not an i32: '4294967296'");

        assertThat(cli.windlass("run", "--invoke", "mul_f32", module("values"), "1", "0x1p3")).isEqualTo(2);
        assertThat(cli.err()).contains("argument 1 of mul_f32 is not an f32");

        assertThat(cli.windlass("run", "--invoke", "is_null", module("values"), "0")).isEqualTo(2);
        assertThat(cli.err()).contains("cannot invoke is_null: parameter 0 is a externref; only i32, i64, f32 and f64");

        assertThat(cli.windlass("run", "--invoke", "nothing", module("values"))).isEqualTo(2);
        assertThat(cli.err()).contains("exports no function \"nothing\"");
    }

    @Test
    void aTrapPrintsItsMessageAndWasmBacktraceAndExits134() {
        assertThat(cli.windlass("run", "--invoke", "outer", module("values"), "0")).isEqualTo(RunCommand.TRAP_STATUS);

        assertThat(cli.err())
                .contains("wasm trap: integer divide by zero in function 8 ($inner)")
                .contains("wasm backtrace:")
                .containsPattern("0: +0x[0-9a-f]+ - values!inner")
                .containsPattern("1: +0x[0-9a-f]+ - values!middle")
                .containsPattern("2: +0x[0-9a-f]+ - values!<wasm function 10>");
    }

    @Test
    void aTrapInTheDemoOrAHandWrittenModuleExits134() throws Exception {
        // (func (export "boom") unreachable)
        Path file = folder.resolve("boom.wasm");
        Files.write(file, HexFormat.of().parseHex("0061736d01000000010401600000030201000708010462"
                + "6f6f6d00000a05010300000b"));

        assertThat(cli.windlass("run", "--invoke", "boom", file.toString())).isEqualTo(RunCommand.TRAP_STATUS);
        assertThat(cli.err()).contains("wasm trap: unreachable in function 0");
    }

    @Test
    void modulesThatCannotBeLoadedOrLinkedExitWithOne() throws Exception {
        Path garbage = folder.resolve("garbage.wasm");
        Files.write(garbage, new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertThat(cli.windlass("run", garbage.toString())).isEqualTo(RunCommand.ERROR_STATUS);
        assertThat(cli.err()).contains("garbage.wasm: WasmMalformedException");

        assertThat(cli.windlass("run", "--invoke", "quadruple", module("uses-greeter"), "1"))
                .isEqualTo(RunCommand.ERROR_STATUS);
        assertThat(cli.err()).contains("LinkException: unknown import: import greeter.double");

        assertThat(cli.windlass("run", folder.resolve("missing.wasm").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("cannot read");
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
    void optionsAfterTheModuleAreTheGuestsAndProcExitGivesTheStatus() throws Exception {
        // bench.wasm exits with its number of arguments beyond argv[0]
        Path stdout = folder.resolve("stdout");
        assertThat(cli.windlass("run", "--bench", "--bench-stdout", stdout.toString(), "--",
                module("bench"), "--invoke", "x", "--fuel", "-v", "--")).isEqualTo(5);
        assertThat(cli.out()).contains("\"exit_code\":5");
        assertThat(stdout).isEmptyFile();
    }

    @Test
    void runningOutOfFuelIsATrap() {
        assertThat(cli.windlass("run", "--fuel", "10000", module("spin"))).isEqualTo(RunCommand.TRAP_STATUS);
        assertThat(cli.err()).contains("wasm trap: all fuel consumed").contains("spin!spin");

        // enough fuel: the reactor's _initialize and the export run
        assertThat(cli.windlass("run", "--fuel", "1000", "--invoke", "initialized", module("values"))).isZero();
        assertThat(cli.out().lines()).containsExactly("42");

        assertThat(cli.windlass("run", "--fuel", "-1", module("spin"))).isEqualTo(2);
        assertThat(cli.err()).contains("--fuel must not be negative");
    }

    @Test
    void aTimeoutInterruptsTheGuest() {
        long start = System.nanoTime();
        assertThat(cli.windlass("run", "--timeout", "300ms", module("spin"))).isEqualTo(RunCommand.TRAP_STATUS);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(cli.err()).contains("wasm trap: interrupted").contains("spin!spin");
        assertThat(millis).isBetween(300L, 20_000L);

        assertThat(cli.windlass("run", "--timeout", "2x", module("spin"))).isEqualTo(2);
        assertThat(cli.err()).contains("not a duration: '2x'");
        assertThat(cli.windlass("run", "--timeout", "0s", module("spin"))).isEqualTo(2);
        assertThat(cli.err()).contains("must be longer than zero");
    }

    @Test
    void storeLimitsRefuseLargeModulesByDefaultAndOptionsRaiseThem() {
        assertThat(cli.windlass("run", module("big_tables"))).isEqualTo(1);
        assertThat(cli.err()).contains("big_tables.wasm: ResourceLimitException: a table of 10000000 elements")
                .contains("1000000 table elements").contains("(raise it with --max-table-elements N)");
        assertThat(cli.windlass("run", "--max-table-elements", "100000000", "--invoke", "size",
                module("big_tables"))).isZero();
        assertThat(cli.out().lines()).containsExactly("10000000");
        assertThat(cli.windlass("run", "--max-table-elements", "100000000", "--max-tables", "9",
                module("big_tables"))).isEqualTo(1);
        assertThat(cli.err()).contains("9 tables").contains("--max-tables N");

        assertThat(cli.windlass("run", module("big_memory"))).isEqualTo(1);
        assertThat(cli.err()).contains("a memory of 2147483648 bytes").contains("(raise it with --max-memory SIZE)");
        CliRun raised = new CliRun();
        assertThat(raised.windlass("run", "--max-memory", "3G", "--invoke", "grow", module("big_memory"), "16384"))
                .isZero();
        assertThat(raised.windlass("run", "--max-memory", "3G", "--invoke", "grow", module("big_memory"), "16385"))
                .isZero();
        assertThat(raised.out().lines()).containsExactly("32768", "-1");
        assertThat(cli.windlass("run", "--max-memory", "3X", module("big_memory"))).isEqualTo(2);
        assertThat(cli.err()).contains("not a size: '3X'");
        assertThat(cli.windlass("run", "--max-instances", "-1", module("big_memory"))).isEqualTo(2);
        assertThat(cli.err()).contains("--max-instances must not be negative");
    }

    @Test
    void sizesAreBytesOrBinaryMultiples() {
        assertThat(RunOptions.parseSize("65536")).isEqualTo(65536);
        assertThat(RunOptions.parseSize("64K")).isEqualTo(65536);
        assertThat(RunOptions.parseSize("512MiB")).isEqualTo(512L << 20);
        assertThat(RunOptions.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(RunOptions.parseSize("4gb")).isEqualTo(4L << 30);
        assertThat(RunOptions.parseSize("1T")).isEqualTo(1L << 40);
    }

    @Test
    void durationsAreReadAsWasmtimeReadsThem() {
        assertThat(RunOptions.parseDuration("500ms")).hasMillis(500);
        assertThat(RunOptions.parseDuration("2s")).hasSeconds(2);
        assertThat(RunOptions.parseDuration("3")).hasSeconds(3);
        assertThat(RunOptions.parseDuration("1m")).hasMinutes(1);
        assertThat(RunOptions.parseDuration("1h")).hasHours(1);
        assertThat(RunOptions.parseDuration("250us")).hasNanos(250_000);
        assertThat(RunOptions.parseDuration("7ns")).hasNanos(7);
    }

    @Test
    void aPreloadedModuleIsInstantiatedWithWasiAndItsExportsAreImportable() {
        assertThat(cli.windlass("run", "--preload", "greeter=" + module("greeter"),
                "--invoke", "quadruple", module("uses-greeter"), "5")).isZero();

        // the greeter's _initialize printed through WASI first
        assertThat(cli.out().lines()).containsExactly("greeter ready", "20");

        assertThat(cli.windlass("run", "--preload", "greeter=" + module("greeter"),
                "--invoke", "greeter_calls", module("uses-greeter"))).isZero();
        assertThat(cli.out().lines()).endsWith("0");
    }

    @Test
    void aPreloadThatCannotBeReadOrLoadedIsRefused() throws Exception {
        assertThat(cli.windlass("run", "--preload", "greeter=" + folder.resolve("none.wasm"),
                "--invoke", "quadruple", module("uses-greeter"), "5")).isEqualTo(2);
        assertThat(cli.err()).contains("cannot read");

        Path garbage = Files.write(folder.resolve("garbage.wasm"), new byte[] {1, 2, 3});
        assertThat(cli.windlass("run", "--preload", "greeter=" + garbage,
                "--invoke", "quadruple", module("uses-greeter"), "5")).isEqualTo(RunCommand.ERROR_STATUS);
        assertThat(cli.err()).contains("garbage.wasm: WasmMalformedException");
    }

    @Test
    void malformedDirectoriesAreUsageErrors() {
        assertThat(cli.windlass("run", "--dir", "::guest", module("spin"))).isEqualTo(2);
        assertThat(cli.err()).contains("expected HOST[::GUEST] with both parts non-empty");
        assertThat(cli.windlass("run", "--dir-readonly", "host::", module("spin"))).isEqualTo(2);
        assertThat(cli.err()).contains("expected HOST[::GUEST] with both parts non-empty");
    }

    @Test
    void aDirectoryIsPreopenedUnderItsGuestName() throws Exception {
        Path data = Files.createDirectory(folder.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "hello from the host\n");

        assertThat(cli.windlass("run", "--dir", data + "::/sandbox", module("cat"))).isZero();

        assertThat(cli.out()).isEqualTo("hello from the host\n");
        assertThat(data.resolve("new.txt")).exists();
    }

    @Test
    void aDirectoryGivenWithoutGuestNameKeepsItsHostName() throws Exception {
        Path data = Files.createDirectory(folder.resolve("plain"));
        Files.writeString(data.resolve("hello.txt"), "same name\n");

        assertThat(cli.windlass("run", "--dir", data.toString(), module("cat"))).isZero();

        assertThat(cli.out()).isEqualTo("same name\n");
    }

    @Test
    void aReadOnlyDirectoryCanBeReadButNotWritten() throws Exception {
        Path data = Files.createDirectory(folder.resolve("readonly"));
        Files.writeString(data.resolve("hello.txt"), "read me\n");

        int status = cli.windlass("run", "--dir-readonly", data + "::ro", module("cat"));

        assertThat(cli.out()).isEqualTo("read me\n");
        assertThat(status).as("path_open(O_CREAT)'s errno").isNotZero().isLessThan(100);
        assertThat(data.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNotThereIsRefusedClearly() {
        assertThat(cli.windlass("run", "--dir", folder.resolve("missing") + "::data", module("cat")))
                .isEqualTo(RunCommand.ERROR_STATUS);
        assertThat(cli.err()).contains("--dir: ");
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
        assertThat(cli.windlass("run", cwasm.toString())).isEqualTo(RunCommand.ERROR_STATUS);
        assertThat(cli.err()).contains("InvalidCompiledModuleException").contains("corrupted");
    }
}
