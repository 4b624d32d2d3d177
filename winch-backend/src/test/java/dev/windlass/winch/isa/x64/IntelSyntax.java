package dev.windlass.winch.isa.x64;

import dev.windlass.winch.isa.Label;

/**
 * An independent formatter of the text GNU objdump prints for an instruction in Intel syntax,
 * built from the operands alone (not from the encoder), so that the disassembly test compares
 * what the encoder emitted with what was asked for.
 */
final class IntelSyntax {

    /** Where an instruction ended up, for operands that are pc-relative. */
    interface Placement {
        int start();

        int end();

        int labelOffset(Label label);
    }

    private static final String[] NAMES_64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] NAMES_32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] NAMES_16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] NAMES_8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
            "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a",
            "s", "ns", "p", "np", "l", "ge", "le", "g"};

    private IntelSyntax() {
    }

    static String reg(Gpr reg, OperandSize size) {
        String[] names = switch (size) {
            case S8 -> NAMES_8;
            case S16 -> NAMES_16;
            case S32 -> NAMES_32;
            case S64 -> NAMES_64;
        };
        return names[reg.ordinal()];
    }

    static String reg64(Gpr reg) {
        return NAMES_64[reg.ordinal()];
    }

    static String xmm(Xmm reg) {
        return "xmm" + reg.ordinal();
    }

    static String condition(ConditionCode cc) {
        return CONDITIONS[cc.ordinal()];
    }

    static String ptr(OperandSize size) {
        return switch (size) {
            case S8 -> "BYTE PTR ";
            case S16 -> "WORD PTR ";
            case S32 -> "DWORD PTR ";
            case S64 -> "QWORD PTR ";
        };
    }

    static final String XMMWORD = "XMMWORD PTR ";

    /** {@code [base+index*scale+disp]} as objdump prints it; rbp/r13 bases show their disp8 of 0. */
    static String mem(Amode amode, Placement placement) {
        return switch (amode) {
            case Amode.BaseDisp(Gpr base, int disp) -> "[" + reg64(base) + displacement(disp, hasNoDisp0Form(base)) + "]";
            case Amode.BaseIndexDisp(Gpr base, Gpr index, int scale, int disp) ->
                    "[" + reg64(base) + "+" + reg64(index) + "*" + scale + displacement(disp, hasNoDisp0Form(base)) + "]";
            case Amode.RipRelative(Label label) ->
                    "[rip+0x" + Long.toHexString((long) placement.labelOffset(label) - placement.end()) + "]";
        };
    }

    /** {@return an immediate as objdump prints it: hex of its two's complement at the operand size} */
    static String imm(long value, OperandSize size) {
        long masked = switch (size) {
            case S8 -> value & 0xFF;
            case S16 -> value & 0xFFFF;
            case S32 -> value & 0xFFFF_FFFFL;
            case S64 -> value;
        };
        return "0x" + Long.toHexString(masked);
    }

    static String address(int offset) {
        return "0x" + Integer.toHexString(offset);
    }

    private static boolean hasNoDisp0Form(Gpr base) {
        return base == Gpr.RBP || base == Gpr.R13;
    }

    private static String displacement(int disp, boolean zeroIsShown) {
        if (disp == 0) {
            return zeroIsShown ? "+0x0" : "";
        }
        return disp > 0 ? "+0x" + Integer.toHexString(disp) : "-0x" + Long.toHexString(-(long) disp);
    }
}
