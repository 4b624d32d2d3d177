package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.Gpr.R12;
import static dev.windlass.winch.isa.x64.Gpr.R13;
import static dev.windlass.winch.isa.x64.Gpr.R15;
import static dev.windlass.winch.isa.x64.Gpr.RAX;
import static dev.windlass.winch.isa.x64.Gpr.RBP;
import static dev.windlass.winch.isa.x64.Gpr.RSP;

import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.IntelSyntax.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The instruction instances of the disassembly test: each emits exactly one instruction and
 * says, through {@link IntelSyntax}, what objdump must print for it. Also the operand sets the
 * generators iterate over.
 */
final class CaseList {

    /** One instruction instance. */
    record Case(Consumer<X64Assembler> emit, Function<Placement, String> expected) {
    }

    static final Gpr[] GPRS = Gpr.values();
    static final Xmm[] XMMS = Xmm.values();
    static final OperandSize[] SIZES = OperandSize.values();
    static final ConditionCode[] CONDITIONS = ConditionCode.values();

    final X64Assembler asm;
    final List<Case> cases = new ArrayList<>();
    /** Every addressing form: all bases with each displacement size, all indexes and scales, RIP. */
    final List<Amode> allMemory = new ArrayList<>();
    /** The irregular cases only: rsp/r12 and rbp/r13 bases and indexes, disp8/disp32, RIP. */
    final List<Amode> someMemory;
    final Label codeLabel;

    CaseList(X64Assembler asm) {
        this.asm = asm;
        this.codeLabel = asm.newLabel();
        Label constant = asm.buffer().constant128(0x7FFF_FFFF_7FFF_FFFFL, 0x7FFF_FFFF_7FFF_FFFFL);
        int[] displacements = {0, 8, -0x80, 0x7F, 0x80, -0x81, 0x1234_5678};
        for (Gpr base : GPRS) {
            for (int disp : displacements) {
                allMemory.add(Amode.baseDisp(base, disp));
            }
        }
        int[] indexedDisplacements = {0, 0x10, -0x100, 0x7FFF_FFFF};
        int[] scales = {1, 2, 4, 8};
        int rotation = 0;
        for (Gpr index : GPRS) {
            if (index == RSP) {
                continue;
            }
            for (int scale : scales) {
                Gpr base = GPRS[(index.ordinal() * 5 + scale) % 16];
                allMemory.add(Amode.baseIndex(base, index, scale, indexedDisplacements[rotation++ % 4]));
            }
            for (Gpr irregularBase : new Gpr[] {RSP, RBP, R12, R13}) {
                allMemory.add(Amode.baseIndex(irregularBase, index, 1 << (rotation++ % 4), 0));
            }
        }
        allMemory.add(Amode.rip(constant));
        allMemory.add(Amode.rip(codeLabel));
        someMemory = List.of(
                Amode.base(RAX), Amode.base(RSP), Amode.base(R12), Amode.base(RBP), Amode.base(R13),
                Amode.baseDisp(RBP, 8), Amode.baseDisp(RSP, 0x100), Amode.baseDisp(R15, -0x80),
                Amode.baseIndex(R12, R13, 8, 0x10), Amode.baseIndex(R13, RAX, 2, 0), Amode.baseIndex(RBP, R12, 1, 0),
                Amode.baseIndex(RAX, R15, 4, -0x1234_5678), Amode.rip(constant), Amode.rip(codeLabel));
    }

    void add(Consumer<X64Assembler> emit, String expected) {
        cases.add(new Case(emit, placement -> expected));
    }

    void add(Consumer<X64Assembler> emit, Function<Placement, String> expected) {
        cases.add(new Case(emit, expected));
    }

    /** {@return the i-th register in a rotation that visits all sixteen} */
    static Gpr gpr(int i) {
        return GPRS[Math.floorMod(i * 7 + 3, 16)];
    }

    static Xmm xmm(int i) {
        return XMMS[Math.floorMod(i * 5 + 1, 16)];
    }
}
