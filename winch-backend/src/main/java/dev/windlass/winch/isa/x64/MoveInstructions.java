package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.OperandSize.S16;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static dev.windlass.winch.isa.x64.OperandSize.S8;

import dev.windlass.winch.isa.CodeBuffer;

/**
 * Integer data movement: {@code mov} in all its forms, zero and sign extension, {@code lea},
 * conditional moves and sets, {@code bswap}, {@code push} and {@code pop}. A layer of
 * {@link X64Assembler}; see there for the conventions.
 */
abstract sealed class MoveInstructions extends X64Emitter permits AluInstructions {

    MoveInstructions(CodeBuffer buffer, Target target) {
        super(buffer, target);
    }

    /** {@code mov dst, src} between registers. */
    public final void mov(OperandSize size, Gpr dst, Gpr src) {
        emitRegReg(sizePrefix(size), rexW(size), needsByteRex(size, dst, src), size == S8 ? 0x88 : 0x89,
                src.ordinal(), dst.ordinal());
    }

    /**
     * {@code mov dst, imm} in the shortest correct form. For {@link OperandSize#S64}: a 32-bit
     * {@code mov} (which zero-extends) when {@code imm} fits in 32 unsigned bits, the
     * sign-extending {@code mov r/m64, imm32} when it fits in 32 signed bits, else {@code movabs}.
     *
     * @param imm any value for S64; for S8, S16 and S32 within the signed or unsigned range
     * @throws IllegalArgumentException if {@code imm} does not fit the size
     */
    public final void mov(OperandSize size, Gpr dst, long imm) {
        int number = dst.ordinal();
        switch (size) {
            case S8, S16 -> {
                int value = checkImmediate(size, checkInt(imm));
                emitOpcodePlusReg(sizePrefix(size), 0, needsByteRex(size, dst), size == S8 ? 0xB0 : 0xB8, number);
                emitImmediate(size, value);
            }
            case S32 -> {
                if (imm < Integer.MIN_VALUE || imm > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("32-bit immediate out of range: " + imm);
                }
                emitOpcodePlusReg(0, 0, false, 0xB8, number);
                buffer.putInt((int) imm);
            }
            case S64 -> {
                if (imm >>> 32 == 0) {
                    emitOpcodePlusReg(0, 0, false, 0xB8, number);
                    buffer.putInt((int) imm);
                } else if (imm == (int) imm) {
                    emitRegReg(0, REX_W, false, 0xC7, 0, number);
                    buffer.putInt((int) imm);
                } else {
                    emitOpcodePlusReg(0, REX_W, false, 0xB8, number);
                    buffer.putLong(imm);
                }
            }
        }
    }

    /** {@code mov dst, [src]}: a load of {@code size} bits (32-bit loads zero the upper half). */
    public final void mov(OperandSize size, Gpr dst, Amode src) {
        emitRegMem(sizePrefix(size), rexW(size), needsByteRex(size, dst), size == S8 ? 0x8A : 0x8B,
                dst.ordinal(), src, 0);
    }

    /** {@code mov [dst], src}: a store of the low {@code size} bits. */
    public final void mov(OperandSize size, Amode dst, Gpr src) {
        emitRegMem(sizePrefix(size), rexW(size), needsByteRex(size, src), size == S8 ? 0x88 : 0x89,
                src.ordinal(), dst, 0);
    }

    /**
     * {@code mov [dst], imm}: a store of an immediate; for S64 the 32-bit {@code imm} is
     * sign-extended.
     */
    public final void mov(OperandSize size, Amode dst, int imm) {
        int value = checkImmediate(size, imm);
        emitRegMem(sizePrefix(size), rexW(size), false, size == S8 ? 0xC6 : 0xC7, 0, dst,
                Math.min(size.bytes(), 4));
        emitImmediate(size, value);
    }

    /**
     * Zero-extends the low {@code from} bits of {@code src} into {@code to} bits of {@code dst}:
     * {@code movzx} from 8 or 16 bits; from 32 to 64 bits, a 32-bit {@code mov}, which zeroes the
     * upper half.
     *
     * @throws IllegalArgumentException unless {@code from} is narrower than {@code to} and
     *         {@code to} is S32 or S64
     */
    public final void movzx(OperandSize from, OperandSize to, Gpr dst, Gpr src) {
        int opcode = zeroExtendOpcode(from, to);
        emitRegReg(0, opcode == 0x8B ? 0 : rexW(to), needsByteRex(from, src), opcode, dst.ordinal(), src.ordinal());
    }

    /** Zero-extending load; see {@link #movzx(OperandSize, OperandSize, Gpr, Gpr)}. */
    public final void movzx(OperandSize from, OperandSize to, Gpr dst, Amode src) {
        int opcode = zeroExtendOpcode(from, to);
        emitRegMem(0, opcode == 0x8B ? 0 : rexW(to), false, opcode, dst.ordinal(), src, 0);
    }

    /**
     * Sign-extends the low {@code from} bits of {@code src} into {@code to} bits of {@code dst}:
     * {@code movsx} from 8 or 16 bits, {@code movsxd} from 32 to 64.
     *
     * @throws IllegalArgumentException unless {@code from} is narrower than {@code to} and
     *         {@code to} is S32 or S64
     */
    public final void movsx(OperandSize from, OperandSize to, Gpr dst, Gpr src) {
        emitRegReg(0, rexW(to), needsByteRex(from, src), signExtendOpcode(from, to), dst.ordinal(), src.ordinal());
    }

    /** Sign-extending load; see {@link #movsx(OperandSize, OperandSize, Gpr, Gpr)}. */
    public final void movsx(OperandSize from, OperandSize to, Gpr dst, Amode src) {
        emitRegMem(0, rexW(to), false, signExtendOpcode(from, to), dst.ordinal(), src, 0);
    }

    /** {@code movsxd dst, src}: sign-extends 32 bits to 64. */
    public final void movsxd(Gpr dst, Gpr src) {
        movsx(S32, S64, dst, src);
    }

    /** {@code movsxd dst, [src]}: sign-extending 32-bit load. */
    public final void movsxd(Gpr dst, Amode src) {
        movsx(S32, S64, dst, src);
    }

    /** {@code lea dst, [src]}: the address itself, truncated to {@code size} (S32 or S64). */
    public final void lea(OperandSize size, Gpr dst, Amode src) {
        check32Or64(size, "lea");
        emitRegMem(0, rexW(size), false, 0x8D, dst.ordinal(), src, 0);
    }

    /** {@code setcc dst}: the byte register {@code dst} becomes 1 if {@code cc} holds, else 0. */
    public final void setcc(ConditionCode cc, Gpr dst) {
        emitRegReg(0, 0, isSplToDil(dst), 0x0F90 + cc.encoding(), 0, dst.ordinal());
    }

    /** {@code cmovcc dst, src} (S16, S32 or S64): moves if {@code cc} holds. */
    public final void cmov(OperandSize size, ConditionCode cc, Gpr dst, Gpr src) {
        checkNotByte(size, "cmov");
        emitRegReg(sizePrefix(size), rexW(size), false, 0x0F40 + cc.encoding(), dst.ordinal(), src.ordinal());
    }

    /** {@code cmovcc dst, [src]} (S16, S32 or S64); the load happens whether or not {@code cc} holds. */
    public final void cmov(OperandSize size, ConditionCode cc, Gpr dst, Amode src) {
        checkNotByte(size, "cmov");
        emitRegMem(sizePrefix(size), rexW(size), false, 0x0F40 + cc.encoding(), dst.ordinal(), src, 0);
    }

    /** {@code bswap reg} (S32 or S64): reverses the byte order. */
    public final void bswap(OperandSize size, Gpr reg) {
        check32Or64(size, "bswap");
        emitOpcodePlusReg(0, rexW(size), false, 0x0FC8, reg.ordinal());
    }

    /** {@code push reg} (64 bits). */
    public final void push(Gpr reg) {
        emitOpcodePlusReg(0, 0, false, 0x50, reg.ordinal());
    }

    /** {@code push imm}: pushes {@code imm} sign-extended to 64 bits. */
    public final void push(int imm) {
        if (fitsInByte(imm)) {
            buffer.putByte(0x6A);
            buffer.putByte(imm);
        } else {
            buffer.putByte(0x68);
            buffer.putInt(imm);
        }
    }

    /** {@code push qword [src]}. */
    public final void push(Amode src) {
        emitRegMem(0, 0, false, 0xFF, 6, src, 0);
    }

    /** {@code pop reg} (64 bits). */
    public final void pop(Gpr reg) {
        emitOpcodePlusReg(0, 0, false, 0x58, reg.ordinal());
    }

    /** {@code pop qword [dst]}. */
    public final void pop(Amode dst) {
        emitRegMem(0, 0, false, 0x8F, 0, dst, 0);
    }

    private static int zeroExtendOpcode(OperandSize from, OperandSize to) {
        checkWidening(from, to);
        return switch (from) {
            case S8 -> 0x0FB6;
            case S16 -> 0x0FB7;
            default -> 0x8B; // 32 -> 64: a 32-bit mov zero-extends
        };
    }

    private static int signExtendOpcode(OperandSize from, OperandSize to) {
        checkWidening(from, to);
        return switch (from) {
            case S8 -> 0x0FBE;
            case S16 -> 0x0FBF;
            default -> 0x63; // movsxd
        };
    }

    private static void checkWidening(OperandSize from, OperandSize to) {
        if ((to != S32 && to != S64) || from.compareTo(to) >= 0) {
            throw new IllegalArgumentException("cannot extend " + from + " to " + to);
        }
    }

    private static int checkInt(long imm) {
        if (imm != (int) imm) {
            throw new IllegalArgumentException("immediate out of range: " + imm);
        }
        return (int) imm;
    }
}
