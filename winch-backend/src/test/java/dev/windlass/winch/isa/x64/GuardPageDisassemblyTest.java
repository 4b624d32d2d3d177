package dev.windlass.winch.isa.x64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.compile.CodeOptions;
import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.compile.ModuleCompiler;
import dev.windlass.winch.compile.SignalHandlerCode;
import dev.windlass.winch.compile.TrapSite;
import dev.windlass.winch.testing.Objdump;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmFeatures;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the checks go, in disassembly: {@code (i32.load offset=16 (local.get 0))} with explicit
 * checks (compare with the length, branch to a trap stub) and with guard pages (zero-extend, load,
 * and the load itself is the trap site); and the signal handler's instructions.
 */
class GuardPageDisassemblyTest {

    /** (module (memory 1) (func (export "f") (param i32) (result i32) (i32.load offset=16 (local.get 0)))) */
    private static final byte[] ONE_LOAD = HexFormat.of().parseHex(
            "0061736d0100000001060160017f017f030201000503010001070501016600000a0901070020002802100b");

    private static CompiledModule compile(MemoryStrategy strategy) {
        return new ModuleCompiler(Target.baseline(), new CodeOptions(Metering.NONE, strategy))
                .compile(ModuleDecoder.decode(ONE_LOAD, WasmFeatures.defaults()));
    }

    private static List<Objdump.Line> function(CompiledModule module) throws Exception {
        int start = module.functionOffset(0);
        return Objdump.disassemble(Objdump.locate(), module.code(), module.codeSize()).stream()
                .filter(line -> line.offset() >= start)
                .toList();
    }

    @Test
    void explicitChecksCompareWithTheLengthBeforeTheLoad() throws Exception {
        List<Objdump.Line> lines = function(compile(MemoryStrategy.EXPLICIT_CHECKS));
        List<String> text = lines.stream().map(Objdump.Line::text).toList();
        assertThat(text).anyMatch(t -> t.matches("cmp r\\w+,QWORD PTR \\[r14\\+0x[0-9a-f]+\\]"));
        assertThat(text).anyMatch(t -> t.startsWith("ja "));
    }

    @Test
    void guardPagesLoadUncheckedAndRecordTheLoadAsTheTrapSite() throws Exception {
        CompiledModule module = compile(MemoryStrategy.GUARD_PAGES);
        List<Objdump.Line> lines = function(module);
        List<String> text = lines.stream().map(Objdump.Line::text).toList();
        assertThat(text).noneMatch(t -> t.startsWith("cmp ") && t.contains("[r14"));
        Objdump.Line load = lines.stream().filter(l -> l.text().matches("mov e\\w+,DWORD PTR \\[r11\\+r\\w+\\*1\\+0x10\\]"))
                .findFirst().orElseThrow(() -> new AssertionError("no unchecked load in " + lines));
        int at = lines.indexOf(load);
        assertThat(lines.get(at - 1).text()).matches("mov r11,QWORD PTR \\[r14\\+0x[0-9a-f]+\\]");
        assertThat(lines.get(at - 2).text()).matches("mov (e\\w+),\\1"); // zero-extends the index
        TrapSite site = module.trapAt(load.offset());
        assertThat(site).isNotNull();
        assertThat(site.code()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        assertThat(site.functionIndex()).isZero();
        assertThat(site.bytecodeOffset()).isEqualTo(39); // the i32.load (0x28), as a module offset
        assertThat(compile(MemoryStrategy.EXPLICIT_CHECKS).trapAt(load.offset())).isNull();
    }

    @Test
    void theSignalHandlerLooksUpTheTableAndEmulatesACallToTheTrapHandler() throws Exception {
        byte[] code = SignalHandlerCode.chaining(0x1122_3344_5566L, 0x7788_99AA_BBCCL);
        List<String> text = Objdump.disassemble(Objdump.locate(), code, code.length).stream()
                .map(Objdump.Line::text).toList();
        assertThat(text).startsWith(
                "mov rax,QWORD PTR [rdx+0xa8]",
                "movabs rcx,0x112233445566",
                "mov r8,QWORD PTR [rcx]",
                "lea r9,[rcx+0x20]");
        assertThat(text).containsSubsequence(
                "lock inc QWORD PTR [rcx+0x10]",
                "mov r10,QWORD PTR [rdx+0xa0]",
                "sub r10,0x8",
                "add rax,0x5",
                "mov QWORD PTR [r10],rax",
                "mov QWORD PTR [rdx+0xa0],r10",
                "mov QWORD PTR [rdx+0xa8],r11",
                "ret",
                "lock inc QWORD PTR [rcx+0x8]",
                "movabs rax,0x778899aabbcc",
                "jmp rax");
    }
}
