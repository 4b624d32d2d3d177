package dev.windlass.winch.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.SharedTestData;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmInvalidException;
import dev.windlass.winch.wasm.WasmModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Compiling on several threads gives exactly the code and tables of compiling on one. */
class ParallelCompilationTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(4);

    @AfterAll
    static void shutDown() {
        POOL.shutdown();
    }

    private static CompiledModule compile(byte[] wasm, int threads) {
        WasmModule module = ModuleDecoder.decode(wasm, WasmFeatures.defaults());
        return new ModuleCompiler(Target.host(), CodeOptions.DEFAULT, POOL, threads).compile(module);
    }

    @Test
    void largeModulesCompileToTheSameBytesAndTablesOnAnyNumberOfThreads() throws Exception {
        Path sightglass = SharedTestData.root().resolve("bench").resolve("sightglass");
        for (String name : new String[] {"rust-compression/benchmark.wasm", "regex/benchmark.wasm"}) {
            byte[] wasm = Files.readAllBytes(sightglass.resolve(name));
            CompiledModule one = compile(wasm, 1);
            for (int threads : new int[] {2, 4}) {
                CompiledModule many = compile(wasm, threads);
                assertThat(many.code()).as("%s on %d threads", name, threads).isEqualTo(one.code());
                for (int offset = 0; offset < one.codeSize(); offset++) {
                    if (many.bytecodeOffsetAt(offset) != one.bytecodeOffsetAt(offset)
                            || !java.util.Objects.equals(many.trapAt(offset), one.trapAt(offset))) {
                        throw new AssertionError(name + ": tables differ at code offset " + offset);
                    }
                }
                for (int f = one.module().importedFunctionCount(); f < one.module().functionCount(); f++) {
                    assertThat(many.functionOffset(f)).isEqualTo(one.functionOffset(f));
                    assertThat(many.entryTrampolineOffset(f)).isEqualTo(one.entryTrampolineOffset(f));
                }
            }
        }
    }

    @Test
    void theFailureReportedIsTheLowestFunctionsWhateverTheThreads() {
        // Ten functions () -> i32; bodies 3 and 7 end without their result (invalid), the rest return 0.
        StringBuilder bodies = new StringBuilder("0a");
        for (int f = 0; f < 10; f++) {
            bodies.append(f == 3 || f == 7 ? "02000b" : "0400410" + "00b");
        }
        String code = bodies.toString();
        String hex = "0061736d01000000" + "010501600001" + "7f" + "030b0a00000000000000000000"
                + "0a" + String.format("%02x", code.length() / 2) + code;
        byte[] wasm = HexFormat.of().parseHex(hex);

        Throwable sequential = catchThrowable(() -> compile(wasm, 1));
        assertThat(sequential).isInstanceOf(WasmInvalidException.class);
        for (int run = 0; run < 50; run++) {
            Throwable parallel = catchThrowable(() -> compile(wasm, 4));
            assertThat(parallel).isInstanceOf(WasmInvalidException.class).hasMessage(sequential.getMessage());
        }
    }
}
