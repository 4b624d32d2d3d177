package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.CaseList.CONDITIONS;
import static dev.windlass.winch.isa.x64.CaseList.GPRS;
import static dev.windlass.winch.isa.x64.CaseList.XMMS;
import static dev.windlass.winch.isa.x64.CaseList.gpr;
import static dev.windlass.winch.isa.x64.CaseList.xmm;
import static dev.windlass.winch.isa.x64.IntelSyntax.XMMWORD;
import static dev.windlass.winch.isa.x64.IntelSyntax.address;
import static dev.windlass.winch.isa.x64.IntelSyntax.mem;
import static dev.windlass.winch.isa.x64.IntelSyntax.ptr;
import static dev.windlass.winch.isa.x64.IntelSyntax.reg;
import static dev.windlass.winch.isa.x64.IntelSyntax.reg64;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;

import dev.windlass.winch.isa.Label;
import java.util.List;

/** The SSE and control-flow instruction instances of the disassembly test. */
final class FloatAndControlCases {

    interface XmmXmm { void emit(X64Assembler a, Xmm d, Xmm s); }
    interface XmmMem { void emit(X64Assembler a, Xmm d, Amode m); }
    interface MemXmm { void emit(X64Assembler a, Amode m, Xmm s); }
    interface ToFloat { void emit(X64Assembler a, OperandSize size, Xmm d, Gpr s); }
    interface ToFloatMem { void emit(X64Assembler a, OperandSize size, Xmm d, Amode m); }
    interface ToInt { void emit(X64Assembler a, OperandSize size, Gpr d, Xmm s); }
    interface ToIntMem { void emit(X64Assembler a, OperandSize size, Gpr d, Amode m); }

    /** A two-operand SSE form: mnemonic, register and memory emitters, and its memory operand width. */
    private record Sse(String name, XmmXmm regReg, XmmMem regMem, String memoryWidth) {
    }

    private static final String F32 = "DWORD PTR ";
    private static final String F64 = "QWORD PTR ";

    private static final List<Sse> TWO_OPERAND = List.of(
            new Sse("movss", X64Assembler::movss, X64Assembler::movss, F32),
            new Sse("movsd", X64Assembler::movsd, X64Assembler::movsd, F64),
            new Sse("addss", X64Assembler::addss, X64Assembler::addss, F32),
            new Sse("addsd", X64Assembler::addsd, X64Assembler::addsd, F64),
            new Sse("subss", X64Assembler::subss, X64Assembler::subss, F32),
            new Sse("subsd", X64Assembler::subsd, X64Assembler::subsd, F64),
            new Sse("mulss", X64Assembler::mulss, X64Assembler::mulss, F32),
            new Sse("mulsd", X64Assembler::mulsd, X64Assembler::mulsd, F64),
            new Sse("divss", X64Assembler::divss, X64Assembler::divss, F32),
            new Sse("divsd", X64Assembler::divsd, X64Assembler::divsd, F64),
            new Sse("sqrtss", X64Assembler::sqrtss, X64Assembler::sqrtss, F32),
            new Sse("sqrtsd", X64Assembler::sqrtsd, X64Assembler::sqrtsd, F64),
            new Sse("minss", X64Assembler::minss, X64Assembler::minss, F32),
            new Sse("minsd", X64Assembler::minsd, X64Assembler::minsd, F64),
            new Sse("maxss", X64Assembler::maxss, X64Assembler::maxss, F32),
            new Sse("maxsd", X64Assembler::maxsd, X64Assembler::maxsd, F64),
            new Sse("ucomiss", X64Assembler::ucomiss, X64Assembler::ucomiss, F32),
            new Sse("ucomisd", X64Assembler::ucomisd, X64Assembler::ucomisd, F64),
            new Sse("cvtss2sd", X64Assembler::cvtss2sd, X64Assembler::cvtss2sd, F32),
            new Sse("cvtsd2ss", X64Assembler::cvtsd2ss, X64Assembler::cvtsd2ss, F64),
            new Sse("andps", X64Assembler::andps, X64Assembler::andps, XMMWORD),
            new Sse("andnps", X64Assembler::andnps, X64Assembler::andnps, XMMWORD),
            new Sse("orps", X64Assembler::orps, X64Assembler::orps, XMMWORD),
            new Sse("xorps", X64Assembler::xorps, X64Assembler::xorps, XMMWORD),
            new Sse("andpd", X64Assembler::andpd, X64Assembler::andpd, XMMWORD),
            new Sse("andnpd", X64Assembler::andnpd, X64Assembler::andnpd, XMMWORD),
            new Sse("orpd", X64Assembler::orpd, X64Assembler::orpd, XMMWORD),
            new Sse("xorpd", X64Assembler::xorpd, X64Assembler::xorpd, XMMWORD),
            new Sse("pxor", X64Assembler::pxor, X64Assembler::pxor, XMMWORD),
            new Sse("movaps", X64Assembler::movaps, X64Assembler::movaps, XMMWORD),
            new Sse("movapd", X64Assembler::movapd, X64Assembler::movapd, XMMWORD));

    private FloatAndControlCases() {
    }

    static void addTo(CaseList c) {
        sse(c);
        conversions(c);
        controlFlow(c);
    }

    private static void sse(CaseList c) {
        int i = 0;
        for (Sse op : TWO_OPERAND) {
            for (Xmm dst : XMMS) {
                for (Xmm src : XMMS) {
                    c.add(a -> op.regReg.emit(a, dst, src), op.name + " xmm" + dst.ordinal() + ",xmm" + src.ordinal());
                }
            }
            for (Amode m : c.someMemory) {
                Xmm dst = xmm(i++);
                c.add(a -> op.regMem.emit(a, dst, m), p -> op.name + " xmm" + dst.ordinal() + "," + op.memoryWidth + mem(m, p));
            }
        }
        for (Amode m : c.allMemory) {
            Xmm x = xmm(i++);
            c.add(a -> a.movss(x, m), p -> "movss xmm" + x.ordinal() + "," + F32 + mem(m, p));
            c.add(a -> a.movsd(m, x), p -> "movsd " + F64 + mem(m, p) + ",xmm" + x.ordinal());
        }
        store(c, "movss", X64Assembler::movss, F32);
        store(c, "movaps", X64Assembler::movaps, XMMWORD);
        store(c, "movapd", X64Assembler::movapd, XMMWORD);
        store(c, "movdqu", X64Assembler::movdqu, XMMWORD);
        for (Amode m : c.someMemory) {
            Xmm x = xmm(i++);
            c.add(a -> a.movdqu(x, m), p -> "movdqu xmm" + x.ordinal() + "," + XMMWORD + mem(m, p));
        }
        for (Xmm x : XMMS) {
            for (Gpr r : GPRS) {
                c.add(a -> a.movd(x, r), "movd xmm" + x.ordinal() + "," + reg(r, S32));
                c.add(a -> a.movd(r, x), "movd " + reg(r, S32) + ",xmm" + x.ordinal());
                c.add(a -> a.movq(x, r), "movq xmm" + x.ordinal() + "," + reg64(r));
                c.add(a -> a.movq(r, x), "movq " + reg64(r) + ",xmm" + x.ordinal());
            }
        }
        for (RoundingMode mode : RoundingMode.values()) {
            for (Xmm dst : XMMS) {
                Xmm src = xmm(i++);
                String operands = " xmm" + dst.ordinal() + ",xmm" + src.ordinal() + ",0x" + mode.immediate();
                c.add(a -> a.roundss(dst, src, mode), "roundss" + operands);
                c.add(a -> a.roundsd(dst, src, mode), "roundsd" + operands);
            }
            for (Amode m : c.someMemory) {
                Xmm dst = xmm(i++);
                c.add(a -> a.roundss(dst, m, mode), p -> "roundss xmm" + dst.ordinal() + "," + F32 + mem(m, p) + ",0x" + mode.immediate());
                c.add(a -> a.roundsd(dst, m, mode), p -> "roundsd xmm" + dst.ordinal() + "," + F64 + mem(m, p) + ",0x" + mode.immediate());
            }
        }
    }

    private static void store(CaseList c, String name, MemXmm emitter, String width) {
        int i = 0;
        for (Amode m : c.someMemory) {
            Xmm x = xmm(i++);
            c.add(a -> emitter.emit(a, m, x), p -> name + " " + width + mem(m, p) + ",xmm" + x.ordinal());
        }
    }

    private static void conversions(CaseList c) {
        toFloat(c, "cvtsi2ss", X64Assembler::cvtsi2ss, X64Assembler::cvtsi2ss);
        toFloat(c, "cvtsi2sd", X64Assembler::cvtsi2sd, X64Assembler::cvtsi2sd);
        toInt(c, "cvttss2si", X64Assembler::cvttss2si, X64Assembler::cvttss2si, F32);
        toInt(c, "cvttsd2si", X64Assembler::cvttsd2si, X64Assembler::cvttsd2si, F64);
    }

    private static void toFloat(CaseList c, String name, ToFloat onRegister, ToFloatMem onMemory) {
        int i = 0;
        for (OperandSize size : new OperandSize[] {S32, S64}) {
            for (Xmm dst : XMMS) {
                for (Gpr src : GPRS) {
                    c.add(a -> onRegister.emit(a, size, dst, src), name + " xmm" + dst.ordinal() + "," + reg(src, size));
                }
            }
            for (Amode m : c.someMemory) {
                Xmm dst = xmm(i++);
                c.add(a -> onMemory.emit(a, size, dst, m), p -> name + " xmm" + dst.ordinal() + "," + ptr(size) + mem(m, p));
            }
        }
    }

    private static void toInt(CaseList c, String name, ToInt onRegister, ToIntMem onMemory, String width) {
        int i = 0;
        for (OperandSize size : new OperandSize[] {S32, S64}) {
            for (Gpr dst : GPRS) {
                for (Xmm src : XMMS) {
                    c.add(a -> onRegister.emit(a, size, dst, src), name + " " + reg(dst, size) + ",xmm" + src.ordinal());
                }
            }
            for (Amode m : c.someMemory) {
                Gpr dst = gpr(i++);
                c.add(a -> onMemory.emit(a, size, dst, m), p -> name + " " + reg(dst, size) + "," + width + mem(m, p));
            }
        }
    }

    private static void controlFlow(CaseList c) {
        Label end = c.asm.newLabel();
        c.add(a -> {
            a.bind(c.codeLabel);
            a.ret();
        }, "ret");
        for (ConditionCode cc : CONDITIONS) {
            String jcc = "j" + IntelSyntax.condition(cc) + " ";
            c.add(a -> a.jcc(cc, c.codeLabel), p -> jcc + address(p.labelOffset(c.codeLabel)));
            c.add(a -> a.jcc(cc, end), p -> jcc + address(p.labelOffset(end)));
            c.add(a -> {
                Label self = a.newLabel();
                a.bind(self);
                a.jcc(cc, self);
            }, p -> jcc + address(p.start()));
            c.add(a -> {
                Label next = a.newLabel();
                a.jcc(cc, next);
                a.bind(next);
            }, p -> jcc + address(p.end()));
        }
        c.add(a -> a.jmp(c.codeLabel), p -> "jmp " + address(p.labelOffset(c.codeLabel)));
        c.add(a -> a.jmp(end), p -> "jmp " + address(p.labelOffset(end)));
        c.add(a -> {
            Label next = a.newLabel();
            a.jmp(next);
            a.bind(next);
        }, p -> "jmp " + address(p.end()));
        c.add(a -> a.call(c.codeLabel), p -> "call " + address(p.labelOffset(c.codeLabel)));
        c.add(a -> a.call(end), p -> "call " + address(p.labelOffset(end)));
        c.add(a -> a.callExternal(7), p -> "call " + address(p.end()));
        c.add(a -> a.jmpExternal(8), p -> "jmp " + address(p.end()));
        for (Gpr r : GPRS) {
            c.add(a -> a.call(r), "call " + reg64(r));
            c.add(a -> a.jmp(r), "jmp " + reg64(r));
        }
        for (Amode m : c.allMemory) {
            c.add(a -> a.call(m), p -> "call QWORD PTR " + mem(m, p));
            c.add(a -> a.jmp(m), p -> "jmp QWORD PTR " + mem(m, p));
        }
        c.add(X64Assembler::ud2, "ud2");
        c.add(X64Assembler::int3, "int3");
        String[] nops = {null, "nop", "xchg ax,ax", "nop DWORD PTR [rax]", "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]", "nop WORD PTR [rax+rax*1+0x0]", "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]", "nop WORD PTR [rax+rax*1+0x0]", "cs nop WORD PTR [rax+rax*1+0x0]"};
        for (int length = 1; length <= 15; length++) {
            int n = length;
            String text = length <= 10 ? nops[length] : "data16 ".repeat(length - 10) + nops[10];
            c.add(a -> a.nop(n), text);
        }
        c.add(a -> {
            a.bind(end);
            a.ret();
        }, "ret");
    }
}
