package dev.windlass.winch.isa.x64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.codegen.x64.X64ModuleCode;
import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.testing.Objdump;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trap handler, instruction by instruction: the trap pc, the backtrace walk (bounded by the
 * entry trampoline's frame and rsp, the depth counted past the capacity, saved rbps strictly
 * increasing) and the unwind (see {@link X64ModuleCode}). r14 is the context, whose first word
 * is the runtime block; the runtime block's backtrace is at 64, its depth at 56.
 */
class TrapHandlerDisassemblyTest {

    private static final List<String> EXPECTED = List.of(
            "0: pop r11",
            "2: sub r11,0x5",
            "6: mov rax,QWORD PTR [r14]",
            "9: mov QWORD PTR [rax+0x18],r11",
            // the walk: from the trapping frame (rbp) up to the trampoline's (saved entry rsp + 56)
            "d: mov rcx,QWORD PTR [rax+0x8]",
            "11: add rcx,0x38",
            "15: mov rdx,rbp",
            "18: mov esi,0x0",
            "1d: cmp rdx,rcx",
            "20: jae 0x4a",
            "22: cmp rdx,rsp",
            "25: jb 0x4a",
            // kept only below the capacity (1024), counted always
            "27: cmp rsi,0x400",
            "2e: jae 0x39",
            "30: mov rdi,QWORD PTR [rdx+0x8]",
            "34: mov QWORD PTR [rax+rsi*8+0x40],rdi",
            "39: add rsi,0x1",
            // the caller's frame must lie strictly above
            "3d: mov rdi,QWORD PTR [rdx]",
            "40: cmp rdi,rdx",
            "43: jbe 0x4a",
            "45: mov rdx,rdi",
            "48: jmp 0x1d",
            // the depth, then the unwind to the entry trampoline, status 1
            "4a: mov QWORD PTR [rax+0x38],rsi",
            "4e: mov rsp,QWORD PTR [rax+0x8]",
            "52: mov eax,0x1",
            "57: pop rdx",
            "58: pop r11",
            "5a: mov rcx,QWORD PTR [r14]",
            "5d: mov QWORD PTR [rcx+0x8],r11",
            "61: pop r15",
            "63: pop r14",
            "65: pop r13",
            "67: pop r12",
            "69: pop rbx",
            "6a: pop rbp",
            "6b: ret");

    @Test
    void theTrapHandlerRecordsThePcAndWalksTheFrameChainBeforeItUnwinds() throws Exception {
        X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.values()));
        X64ModuleCode.emitTrapHandler(asm, false);
        AssembledCode code = asm.buffer().finish();
        List<String> lines = Objdump.disassemble(Objdump.locate(), code.code(), code.instructionsSize()).stream()
                .map(Objdump.Line::toString).toList();
        assertThat(lines).containsExactlyElementsOf(EXPECTED);
    }
}
