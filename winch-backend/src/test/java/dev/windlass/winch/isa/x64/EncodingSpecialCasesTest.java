package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.Gpr.R12;
import static dev.windlass.winch.isa.x64.Gpr.R13;
import static dev.windlass.winch.isa.x64.Gpr.R8;
import static dev.windlass.winch.isa.x64.Gpr.R9;
import static dev.windlass.winch.isa.x64.Gpr.RAX;
import static dev.windlass.winch.isa.x64.Gpr.RBP;
import static dev.windlass.winch.isa.x64.Gpr.RBX;
import static dev.windlass.winch.isa.x64.Gpr.RCX;
import static dev.windlass.winch.isa.x64.Gpr.RDX;
import static dev.windlass.winch.isa.x64.Gpr.RSI;
import static dev.windlass.winch.isa.x64.Gpr.RSP;
import static dev.windlass.winch.isa.x64.OperandSize.S16;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static dev.windlass.winch.isa.x64.OperandSize.S8;
import static dev.windlass.winch.isa.x64.Xmm.XMM0;
import static dev.windlass.winch.isa.x64.Xmm.XMM9;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.Label;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Byte-exact checks of the encodings whose choice the disassembly text does not reveal. */
class EncodingSpecialCasesTest {

    private static String bytesOf(Consumer<X64Assembler> emit) {
        X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.values()));
        emit.accept(asm);
        return HexFormat.ofDelimiter(" ").formatHex(asm.buffer().finish().code());
    }

    @Test
    void rexIsEmittedOnlyWhenNeeded() {
        assertThat(bytesOf(a -> a.mov(S32, RAX, RCX))).isEqualTo("89 c8");
        assertThat(bytesOf(a -> a.mov(S64, RAX, RCX))).isEqualTo("48 89 c8");
        assertThat(bytesOf(a -> a.mov(S32, R8, RCX))).isEqualTo("41 89 c8");
        assertThat(bytesOf(a -> a.mov(S32, RAX, R9))).isEqualTo("44 89 c8");
        assertThat(bytesOf(a -> a.mov(S32, RAX, Amode.baseIndex(RAX, R9, 1, 0)))).isEqualTo("42 8b 04 08");
    }

    @Test
    void byteRegistersSplBplSilDilNeedAnEmptyRex() {
        assertThat(bytesOf(a -> a.mov(S8, RAX, RBX))).isEqualTo("88 d8");
        assertThat(bytesOf(a -> a.mov(S8, RAX, RSI))).isEqualTo("40 88 f0");
        assertThat(bytesOf(a -> a.setcc(ConditionCode.NE, RSP))).isEqualTo("40 0f 95 c4");
        assertThat(bytesOf(a -> a.setcc(ConditionCode.NE, RBX))).isEqualTo("0f 95 c3");
        assertThat(bytesOf(a -> a.movzx(S8, S32, RAX, RSI))).isEqualTo("40 0f b6 c6");
        assertThat(bytesOf(a -> a.mov(S8, Amode.base(RSI), RBX))).isEqualTo("88 1e");
        // a memory base never forces REX, even when it is rsi
        assertThat(bytesOf(a -> a.mov(S8, RAX, Amode.base(RSI)))).isEqualTo("8a 06");
    }

    @Test
    void operandSizeAndMandatoryPrefixesComeBeforeRex() {
        assertThat(bytesOf(a -> a.add(S16, R8, R9))).isEqualTo("66 45 01 c8");
        assertThat(bytesOf(a -> a.movss(XMM9, XMM0))).isEqualTo("f3 44 0f 10 c8");
        assertThat(bytesOf(a -> a.cvtsi2sd(S64, XMM9, R8))).isEqualTo("f2 4d 0f 2a c8");
        assertThat(bytesOf(a -> a.movq(XMM0, R8))).isEqualTo("66 49 0f 6e c0");
        assertThat(bytesOf(a -> a.popcnt(S64, RAX, R12))).isEqualTo("f3 49 0f b8 c4");
    }

    @Test
    void rspAndR12BasesNeedASib() {
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.base(RSP)))).isEqualTo("48 8b 04 24");
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.base(R12)))).isEqualTo("49 8b 04 24");
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.baseDisp(RSP, 8)))).isEqualTo("48 8b 44 24 08");
    }

    @Test
    void rbpAndR13BasesWithoutDisplacementGetADisp8OfZero() {
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.base(RBP)))).isEqualTo("48 8b 45 00");
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.base(R13)))).isEqualTo("49 8b 45 00");
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.baseIndex(R13, RCX, 4, 0)))).isEqualTo("49 8b 44 8d 00");
        assertThat(bytesOf(a -> a.mov(S64, RAX, Amode.baseIndex(RAX, R13, 1, 0)))).isEqualTo("4a 8b 04 28");
    }

    @Test
    void displacementsTakeTheShortestForm() {
        assertThat(bytesOf(a -> a.mov(S32, RAX, Amode.baseDisp(RCX, 127)))).isEqualTo("8b 41 7f");
        assertThat(bytesOf(a -> a.mov(S32, RAX, Amode.baseDisp(RCX, -128)))).isEqualTo("8b 41 80");
        assertThat(bytesOf(a -> a.mov(S32, RAX, Amode.baseDisp(RCX, 128)))).isEqualTo("8b 81 80 00 00 00");
    }

    @Test
    void aluImmediatesUseTheSignExtendedImm8FormWhenTheyFit() {
        assertThat(bytesOf(a -> a.add(S32, RCX, 127))).isEqualTo("83 c1 7f");
        assertThat(bytesOf(a -> a.add(S32, RCX, -128))).isEqualTo("83 c1 80");
        assertThat(bytesOf(a -> a.add(S32, RCX, 128))).isEqualTo("81 c1 80 00 00 00");
        assertThat(bytesOf(a -> a.add(S32, RAX, 128))).isEqualTo("05 80 00 00 00");
        assertThat(bytesOf(a -> a.sub(S64, RDX, -1))).isEqualTo("48 83 ea ff");
        assertThat(bytesOf(a -> a.cmp(S16, RCX, 0xFFFF))).isEqualTo("66 83 f9 ff");
        assertThat(bytesOf(a -> a.cmp(S16, RCX, 0x1234))).isEqualTo("66 81 f9 34 12");
        assertThat(bytesOf(a -> a.and(S8, RCX, 0xF0))).isEqualTo("80 e1 f0");
        assertThat(bytesOf(a -> a.and(S8, RAX, 0xF0))).isEqualTo("24 f0");
        assertThat(bytesOf(a -> a.test(S32, RCX, 1))).isEqualTo("f7 c1 01 00 00 00");
        assertThat(bytesOf(a -> a.imul(S32, RAX, RCX, 3))).isEqualTo("6b c1 03");
        assertThat(bytesOf(a -> a.imul(S32, RAX, RCX, 300))).isEqualTo("69 c1 2c 01 00 00");
    }

    @Test
    void moveOfA64BitImmediateChoosesTheShortestForm() {
        assertThat(bytesOf(a -> a.mov(S64, RAX, 0xFFFF_FFFFL))).isEqualTo("b8 ff ff ff ff");
        assertThat(bytesOf(a -> a.mov(S64, R8, 5))).isEqualTo("41 b8 05 00 00 00");
        assertThat(bytesOf(a -> a.mov(S64, RAX, -1))).isEqualTo("48 c7 c0 ff ff ff ff");
        assertThat(bytesOf(a -> a.mov(S64, RAX, 0x1_0000_0000L))).isEqualTo("48 b8 00 00 00 00 01 00 00 00");
    }

    @Test
    void ripRelativeDisplacementCountsTheTrailingImmediate() {
        X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.SSE41));
        Label constant = asm.buffer().constant64(0x3FF0_0000_0000_0000L);
        asm.cmp(S32, Amode.rip(constant), 0x1234); // 81 3d disp32 imm32: ends at 10
        asm.roundsd(XMM0, Amode.rip(constant), RoundingMode.UP); // 66 0f 3a 0b 05 disp32 02: ends at 20
        AssembledCode code = asm.buffer().finish();
        assertThat(code.labelOffset(constant)).isEqualTo(32); // 20 bytes of code, pool 16-aligned
        assertThat(code.code()[2]).isEqualTo((byte) (32 - 10));
        assertThat(code.code()[15]).isEqualTo((byte) (32 - 20));
    }

    @Test
    void shiftByOneUsesTheShortOpcode() {
        assertThat(bytesOf(a -> a.shl(S32, RAX, 1))).isEqualTo("d1 e0");
        assertThat(bytesOf(a -> a.shl(S32, RAX, 2))).isEqualTo("c1 e0 02");
        assertThat(bytesOf(a -> a.sar(S64, R9, RCX))).isEqualTo("49 d3 f9");
    }

    @Test
    void nopsHaveExactlyTheRequestedLength() {
        for (int length = 1; length <= 15; length++) {
            int n = length;
            assertThat(bytesOf(a -> a.nop(n)).split(" ")).hasSize(length);
        }
        assertThatThrownBy(() -> bytesOf(a -> a.nop(16))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alignmentPadsWithNops() {
        assertThat(bytesOf(a -> {
            a.ret();
            a.align(8);
        })).isEqualTo("c3 0f 1f 80 00 00 00 00");
    }

    @Test
    void invalidOperandsAreRejected() {
        X64Assembler asm = X64Assembler.create(Target.baseline());
        assertThatThrownBy(() -> Amode.baseIndex(RAX, RSP, 1, 0)).hasMessageContaining("rsp cannot be an index");
        assertThatThrownBy(() -> Amode.baseIndex(RAX, RCX, 3, 0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> asm.add(S8, RAX, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.mov(S16, RAX, 0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.mov(S32, RAX, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.shl(S32, RAX, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.shl(S32, RAX, RDX)).hasMessageContaining("rcx");
        assertThatThrownBy(() -> asm.imul(S8, RAX, RCX)).hasMessageContaining("8-bit");
        assertThatThrownBy(() -> asm.bsr(S16, RAX, RCX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.movzx(S32, S32, RAX, RCX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.movsx(S8, S16, RAX, RCX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.lea(S16, RAX, Amode.base(RCX))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asm.cvtsi2ss(S16, XMM0, RAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(asm.buffer().offset()).isZero();
    }
}
