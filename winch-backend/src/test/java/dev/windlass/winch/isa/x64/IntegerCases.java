package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.CaseList.CONDITIONS;
import static dev.windlass.winch.isa.x64.CaseList.GPRS;
import static dev.windlass.winch.isa.x64.CaseList.SIZES;
import static dev.windlass.winch.isa.x64.CaseList.gpr;
import static dev.windlass.winch.isa.x64.IntelSyntax.imm;
import static dev.windlass.winch.isa.x64.IntelSyntax.mem;
import static dev.windlass.winch.isa.x64.IntelSyntax.ptr;
import static dev.windlass.winch.isa.x64.IntelSyntax.reg;
import static dev.windlass.winch.isa.x64.IntelSyntax.reg64;
import static dev.windlass.winch.isa.x64.OperandSize.S16;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static dev.windlass.winch.isa.x64.OperandSize.S8;

import java.util.List;

/** The integer instruction instances of the disassembly test: moves, ALU, shifts, bit counting. */
final class IntegerCases {

    /** An emitter of a two-operand ALU form, so one loop covers add, sub, and, or, xor, cmp. */
    private record Alu(String name, RegReg regReg, RegImm regImm, RegMem regMem, MemReg memReg, MemImm memImm) {
    }

    interface RegReg { void emit(X64Assembler a, OperandSize s, Gpr d, Gpr r); }
    interface RegImm { void emit(X64Assembler a, OperandSize s, Gpr d, int i); }
    interface RegMem { void emit(X64Assembler a, OperandSize s, Gpr d, Amode m); }
    interface MemReg { void emit(X64Assembler a, OperandSize s, Amode m, Gpr r); }
    interface MemImm { void emit(X64Assembler a, OperandSize s, Amode m, int i); }
    interface Unary { void emit(X64Assembler a, OperandSize s, Gpr r); }
    interface UnaryMem { void emit(X64Assembler a, OperandSize s, Amode m); }

    private static final List<Alu> ALU = List.of(
            new Alu("add", X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add),
            new Alu("sub", X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub),
            new Alu("and", X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and),
            new Alu("or", X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or),
            new Alu("xor", X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor),
            new Alu("cmp", X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp));

    private IntegerCases() {
    }

    static void addTo(CaseList c) {
        moves(c);
        extensions(c);
        alu(c);
        test(c);
        multiplyDivide(c);
        shifts(c);
        bitCounting(c);
        conditionalAndStack(c);
    }

    private static int[] immediates(OperandSize size) {
        return switch (size) {
            case S8 -> new int[] {0, 1, 0x7F, -1, -0x80, 0xFF};
            case S16 -> new int[] {1, -1, 0x7F, 0x80, -0x80, 0x1234, -0x8000, 0xFFFF};
            case S32, S64 -> new int[] {0, 1, -1, 0x7F, 0x80, -0x80, -0x81, 0x1234_5678, Integer.MIN_VALUE};
        };
    }

    private static void moves(CaseList c) {
        for (OperandSize size : SIZES) {
            for (Gpr dst : GPRS) {
                for (Gpr src : GPRS) {
                    c.add(a -> a.mov(size, dst, src), "mov " + reg(dst, size) + "," + reg(src, size));
                }
            }
        }
        long[][] registerImmediates = {
                {0, 1, 0x7F, -1, 0x80, 0xFF},
                {0, 0x1234, -1, 0xFFFF, -0x8000},
                {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000L, 0xFFFF_FFFFL, Integer.MIN_VALUE},
                {0, 1, 0xFFFF_FFFFL, 0x1_0000_0000L, -1, Integer.MIN_VALUE, 0x7FFF_FFFF, Long.MIN_VALUE,
                        0x1234_5678_9ABC_DEF0L, -0x8000_0001L}};
        for (OperandSize size : SIZES) {
            for (long value : registerImmediates[size.ordinal()]) {
                for (Gpr dst : GPRS) {
                    c.add(a -> a.mov(size, dst, value), movImmediateText(size, dst, value));
                }
            }
        }
        int i = 0;
        for (OperandSize size : SIZES) {
            for (Amode m : c.allMemory) {
                Gpr r = gpr(i++);
                c.add(a -> a.mov(size, r, m), p -> "mov " + reg(r, size) + "," + ptr(size) + mem(m, p));
                c.add(a -> a.mov(size, m, r), p -> "mov " + ptr(size) + mem(m, p) + "," + reg(r, size));
            }
            for (Gpr r : GPRS) {
                for (Amode m : c.someMemory) {
                    c.add(a -> a.mov(size, r, m), p -> "mov " + reg(r, size) + "," + ptr(size) + mem(m, p));
                    c.add(a -> a.mov(size, m, r), p -> "mov " + ptr(size) + mem(m, p) + "," + reg(r, size));
                }
            }
            for (int value : immediates(size)) {
                for (Amode m : c.someMemory) {
                    c.add(a -> a.mov(size, m, value), p -> "mov " + ptr(size) + mem(m, p) + "," + imm(value, size));
                }
            }
        }
        for (OperandSize size : new OperandSize[] {S32, S64}) {
            for (Amode m : c.allMemory) {
                Gpr r = gpr(i++);
                c.add(a -> a.lea(size, r, m), p -> "lea " + reg(r, size) + "," + mem(m, p));
            }
        }
    }

    /** The 64-bit forms: 32-bit mov when the value fits in u32, sign-extended imm32, else movabs. */
    private static String movImmediateText(OperandSize size, Gpr dst, long value) {
        if (size != S64) {
            return "mov " + reg(dst, size) + "," + imm(value, size);
        }
        if (value >= 0 && value <= 0xFFFF_FFFFL) {
            return "mov " + reg(dst, S32) + "," + imm(value, S32);
        }
        return (value == (int) value ? "mov " : "movabs ") + reg(dst, S64) + "," + imm(value, S64);
    }

    private static void extensions(CaseList c) {
        OperandSize[][] widenings = {{S8, S32}, {S8, S64}, {S16, S32}, {S16, S64}, {S32, S64}};
        int i = 0;
        for (OperandSize[] widening : widenings) {
            OperandSize from = widening[0];
            OperandSize to = widening[1];
            boolean plainMov = from == S32;
            for (Gpr dst : GPRS) {
                for (Gpr src : GPRS) {
                    String zeroText = plainMov ? "mov " + reg(dst, S32) + "," + reg(src, S32)
                            : "movzx " + reg(dst, to) + "," + reg(src, from);
                    String signText = (plainMov ? "movsxd " : "movsx ") + reg(dst, to) + "," + reg(src, from);
                    c.add(a -> a.movzx(from, to, dst, src), zeroText);
                    c.add(a -> a.movsx(from, to, dst, src), signText);
                }
            }
            for (Amode m : c.allMemory) {
                Gpr dst = gpr(i++);
                String zero = plainMov ? "mov " + reg(dst, S32) + "," : "movzx " + reg(dst, to) + ",";
                String sign = (plainMov ? "movsxd " : "movsx ") + reg(dst, to) + ",";
                c.add(a -> a.movzx(from, to, dst, m), p -> zero + ptr(from) + mem(m, p));
                c.add(a -> a.movsx(from, to, dst, m), p -> sign + ptr(from) + mem(m, p));
            }
        }
        for (Gpr dst : GPRS) {
            Gpr src = gpr(dst.ordinal());
            c.add(a -> a.movsxd(dst, src), "movsxd " + reg64(dst) + "," + reg(src, S32));
            Amode m = c.someMemory.get(dst.ordinal() % c.someMemory.size());
            c.add(a -> a.movsxd(dst, m), p -> "movsxd " + reg64(dst) + ",DWORD PTR " + mem(m, p));
        }
    }

    private static void alu(CaseList c) {
        int i = 0;
        for (Alu op : ALU) {
            for (OperandSize size : SIZES) {
                for (Gpr dst : GPRS) {
                    for (Gpr src : GPRS) {
                        c.add(a -> op.regReg.emit(a, size, dst, src), op.name + " " + reg(dst, size) + "," + reg(src, size));
                    }
                    for (int value : immediates(size)) {
                        c.add(a -> op.regImm.emit(a, size, dst, value), op.name + " " + reg(dst, size) + "," + imm(value, size));
                    }
                }
                List<Amode> memory = op.name.equals("add") ? c.allMemory : c.someMemory;
                for (Amode m : memory) {
                    Gpr r = gpr(i++);
                    c.add(a -> op.regMem.emit(a, size, r, m), p -> op.name + " " + reg(r, size) + "," + ptr(size) + mem(m, p));
                    c.add(a -> op.memReg.emit(a, size, m, r), p -> op.name + " " + ptr(size) + mem(m, p) + "," + reg(r, size));
                    int value = immediates(size)[i % immediates(size).length];
                    c.add(a -> op.memImm.emit(a, size, m, value), p -> op.name + " " + ptr(size) + mem(m, p) + "," + imm(value, size));
                }
            }
        }
    }

    private static void test(CaseList c) {
        int i = 0;
        for (OperandSize size : SIZES) {
            for (Gpr dst : GPRS) {
                for (Gpr src : GPRS) {
                    c.add(a -> a.test(size, dst, src), "test " + reg(dst, size) + "," + reg(src, size));
                }
                for (int value : immediates(size)) {
                    c.add(a -> a.test(size, dst, value), "test " + reg(dst, size) + "," + imm(value, size));
                }
            }
            for (Amode m : c.someMemory) {
                Gpr r = gpr(i++);
                int value = immediates(size)[i % immediates(size).length];
                c.add(a -> a.test(size, m, r), p -> "test " + ptr(size) + mem(m, p) + "," + reg(r, size));
                c.add(a -> a.test(size, m, value), p -> "test " + ptr(size) + mem(m, p) + "," + imm(value, size));
            }
        }
    }

    private static void multiplyDivide(CaseList c) {
        int i = 0;
        for (OperandSize size : new OperandSize[] {S16, S32, S64}) {
            for (Gpr dst : GPRS) {
                for (Gpr src : GPRS) {
                    c.add(a -> a.imul(size, dst, src), "imul " + reg(dst, size) + "," + reg(src, size));
                }
                for (int value : immediates(size)) {
                    Gpr src = gpr(i++);
                    c.add(a -> a.imul(size, dst, src, value),
                            "imul " + reg(dst, size) + "," + reg(src, size) + "," + imm(value, size));
                }
            }
            for (Amode m : c.someMemory) {
                Gpr r = gpr(i++);
                int value = immediates(size)[i % immediates(size).length];
                c.add(a -> a.imul(size, r, m), p -> "imul " + reg(r, size) + "," + ptr(size) + mem(m, p));
                c.add(a -> a.imul(size, r, m, value),
                        p -> "imul " + reg(r, size) + "," + ptr(size) + mem(m, p) + "," + imm(value, size));
            }
        }
        unary(c, "mul", X64Assembler::mul, X64Assembler::mul);
        unary(c, "div", X64Assembler::div, X64Assembler::div);
        unary(c, "idiv", X64Assembler::idiv, X64Assembler::idiv);
        unary(c, "neg", X64Assembler::neg, X64Assembler::neg);
        unary(c, "not", X64Assembler::not, X64Assembler::not);
        c.add(X64Assembler::cdq, "cdq");
        c.add(X64Assembler::cqo, "cqo");
    }

    private static void unary(CaseList c, String name, Unary onRegister, UnaryMem onMemory) {
        for (OperandSize size : SIZES) {
            for (Gpr r : GPRS) {
                c.add(a -> onRegister.emit(a, size, r), name + " " + reg(r, size));
            }
            for (Amode m : c.someMemory) {
                c.add(a -> onMemory.emit(a, size, m), p -> name + " " + ptr(size) + mem(m, p));
            }
        }
    }

    private static void shifts(CaseList c) {
        shift(c, "shl", X64Assembler::shl, X64Assembler::shl);
        shift(c, "shr", X64Assembler::shr, X64Assembler::shr);
        shift(c, "sar", X64Assembler::sar, X64Assembler::sar);
        shift(c, "rol", X64Assembler::rol, X64Assembler::rol);
        shift(c, "ror", X64Assembler::ror, X64Assembler::ror);
    }

    private static void shift(CaseList c, String name, RegReg byCl, RegImm byImmediate) {
        for (OperandSize size : SIZES) {
            for (Gpr r : GPRS) {
                c.add(a -> byCl.emit(a, size, r, Gpr.RCX), name + " " + reg(r, size) + ",cl");
                for (int count : new int[] {0, 1, 2, 7, size.bits() - 1}) {
                    String countText = count == 1 ? "1" : imm(count, S8);
                    c.add(a -> byImmediate.emit(a, size, r, count), name + " " + reg(r, size) + "," + countText);
                }
            }
        }
    }

    private static void bitCounting(CaseList c) {
        bitCount(c, "lzcnt", X64Assembler::lzcnt, X64Assembler::lzcnt);
        bitCount(c, "tzcnt", X64Assembler::tzcnt, X64Assembler::tzcnt);
        bitCount(c, "popcnt", X64Assembler::popcnt, X64Assembler::popcnt);
        bitCount(c, "bsr", X64Assembler::bsr, X64Assembler::bsr);
        bitCount(c, "bsf", X64Assembler::bsf, X64Assembler::bsf);
    }

    private static void bitCount(CaseList c, String name, RegReg onRegister, RegMem onMemory) {
        int i = 0;
        for (OperandSize size : new OperandSize[] {S32, S64}) {
            for (Gpr dst : GPRS) {
                for (int k = 0; k < 4; k++) {
                    Gpr src = gpr(i++);
                    c.add(a -> onRegister.emit(a, size, dst, src), name + " " + reg(dst, size) + "," + reg(src, size));
                }
            }
            for (Amode m : c.someMemory) {
                Gpr dst = gpr(i++);
                c.add(a -> onMemory.emit(a, size, dst, m), p -> name + " " + reg(dst, size) + "," + ptr(size) + mem(m, p));
            }
        }
    }

    private static void conditionalAndStack(CaseList c) {
        int i = 0;
        for (ConditionCode cc : CONDITIONS) {
            String suffix = IntelSyntax.condition(cc);
            for (Gpr r : GPRS) {
                c.add(a -> a.setcc(cc, r), "set" + suffix + " " + reg(r, S8));
            }
            for (OperandSize size : new OperandSize[] {S16, S32, S64}) {
                for (Gpr dst : GPRS) {
                    Gpr src = gpr(i++);
                    c.add(a -> a.cmov(size, cc, dst, src), "cmov" + suffix + " " + reg(dst, size) + "," + reg(src, size));
                }
                Amode m = c.someMemory.get(i % c.someMemory.size());
                Gpr dst = gpr(i++);
                c.add(a -> a.cmov(size, cc, dst, m), p -> "cmov" + suffix + " " + reg(dst, size) + "," + ptr(size) + mem(m, p));
            }
        }
        for (Gpr r : GPRS) {
            c.add(a -> a.bswap(S32, r), "bswap " + reg(r, S32));
            c.add(a -> a.bswap(S64, r), "bswap " + reg64(r));
            c.add(a -> a.push(r), "push " + reg64(r));
            c.add(a -> a.pop(r), "pop " + reg64(r));
        }
        for (int value : new int[] {0, 1, -1, 0x7F, 0x80, -0x80, -0x81, 0x1234_5678, Integer.MIN_VALUE}) {
            c.add(a -> a.push(value), "push " + imm(value, S64));
        }
        for (Amode m : c.allMemory) {
            c.add(a -> a.push(m), p -> "push QWORD PTR " + mem(m, p));
            c.add(a -> a.pop(m), p -> "pop QWORD PTR " + mem(m, p));
        }
    }
}
