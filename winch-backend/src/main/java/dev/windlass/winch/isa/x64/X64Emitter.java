package dev.windlass.winch.isa.x64;

import dev.windlass.winch.isa.CodeBuffer;

/**
 * The encoding core shared by the instruction layers of {@link X64Assembler}: legacy prefixes,
 * REX, opcodes, ModRM, SIB, displacements and immediates.
 *
 * <pre>
 *  [66|F2|F3]  [REX 0100WRXB]  opcode (1-3 bytes)  ModRM  [SIB]  [disp8|disp32]  [imm]
 *   one prefix  only if needed                      mod reg rm
 * </pre>
 *
 * An opcode is passed as an {@code int} whose byte length follows from its value: {@code 0x8B} is
 * one byte, {@code 0x0FAF} two, {@code 0x0F3A0A} three (every multi-byte opcode starts with 0x0F).
 * The mandatory SSE prefixes and the 16-bit operand-size prefix go before REX, as the hardware
 * requires; a REX byte is emitted only when one of W, R, X, B is set or a byte operand is spl,
 * bpl, sil or dil.
 */
abstract sealed class X64Emitter permits MoveInstructions {

    static final int REX = 0x40;
    static final int REX_W = 0x08;
    static final int OPERAND_SIZE_PREFIX = 0x66;

    final CodeBuffer buffer;
    final Target target;

    X64Emitter(CodeBuffer buffer, Target target) {
        this.buffer = buffer;
        this.target = target;
    }

    /** {@return the buffer the instructions go to} */
    public final CodeBuffer buffer() {
        return buffer;
    }

    /** {@return the machine the code is for} */
    public final Target target() {
        return target;
    }

    /** Emits {@code [prefix] [REX] opcode ModRM(mod=11, reg, rm)}. */
    final void emitRegReg(int prefix, int rexW, boolean forceRex, int opcode, int reg, int rm) {
        emitPrefixAndRex(prefix, rexW | (reg & 8) >>> 1 | (rm & 8) >>> 3, forceRex);
        emitOpcode(opcode);
        buffer.putByte(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /**
     * Emits {@code [prefix] [REX] opcode ModRM [SIB] [disp]} with a memory operand;
     * {@code immediateBytes} is the size of the immediate the caller emits next, which a
     * RIP-relative displacement must count.
     */
    final void emitRegMem(int prefix, int rexW, boolean forceRex, int opcode, int reg, Amode memory, int immediateBytes) {
        switch (memory) {
            case Amode.BaseDisp(Gpr base, int displacement) -> {
                int baseNumber = base.ordinal();
                emitPrefixAndRex(prefix, rexW | (reg & 8) >>> 1 | (baseNumber & 8) >>> 3, forceRex);
                emitOpcode(opcode);
                emitBaseDisp(reg, baseNumber, displacement);
            }
            case Amode.BaseIndexDisp indexed -> {
                int baseNumber = indexed.base().ordinal();
                int indexNumber = indexed.index().ordinal();
                emitPrefixAndRex(prefix,
                        rexW | (reg & 8) >>> 1 | (indexNumber & 8) >>> 2 | (baseNumber & 8) >>> 3, forceRex);
                emitOpcode(opcode);
                int sib = indexed.scaleBits() << 6 | (indexNumber & 7) << 3 | (baseNumber & 7);
                emitModRmSibDisp(reg, sib, baseNumber, indexed.displacement());
            }
            case Amode.RipRelative(var label) -> {
                emitPrefixAndRex(prefix, rexW | (reg & 8) >>> 1, forceRex);
                emitOpcode(opcode);
                buffer.putByte((reg & 7) << 3 | 0b101);
                buffer.putLabelRel32(label, immediateBytes);
            }
        }
    }

    /** Emits {@code [prefix] [REX] opcode} with the low 3 bits of {@code reg} added to the opcode's last byte. */
    final void emitOpcodePlusReg(int prefix, int rexW, boolean forceRex, int opcode, int reg) {
        emitPrefixAndRex(prefix, rexW | (reg & 8) >>> 3, forceRex);
        emitOpcode(opcode + (reg & 7));
    }

    final void emitOpcode(int opcode) {
        if (opcode > 0xFFFF) {
            buffer.putByte(opcode >>> 16);
            buffer.putByte(opcode >>> 8);
        } else if (opcode > 0xFF) {
            buffer.putByte(opcode >>> 8);
        }
        buffer.putByte(opcode);
    }

    /** Emits an immediate of {@code size} (at most 32 bits; a 64-bit operation's is sign-extended). */
    final void emitImmediate(OperandSize size, int value) {
        switch (size) {
            case S8 -> buffer.putByte(value);
            case S16 -> buffer.putShort(value);
            case S32, S64 -> buffer.putInt(value);
        }
    }

    /** Throws if the target lacks {@code feature}. */
    final void require(CpuFeature feature, String mnemonic) {
        if (!target.has(feature)) {
            throw new MissingCpuFeatureException(mnemonic, feature, target);
        }
    }

    private void emitPrefixAndRex(int prefix, int rexBits, boolean forceRex) {
        if (prefix != 0) {
            buffer.putByte(prefix);
        }
        if (rexBits != 0 || forceRex) {
            buffer.putByte(REX | rexBits);
        }
    }

    private void emitBaseDisp(int reg, int baseNumber, int displacement) {
        int low = baseNumber & 7;
        if (low == 4) {
            // rsp and r12 as base: rm=100 means "a SIB follows"; SIB 00 100 100 = base only.
            emitModRmSibDisp(reg, 0x24, baseNumber, displacement);
            return;
        }
        int mod = modFor(low, displacement);
        buffer.putByte(mod << 6 | (reg & 7) << 3 | low);
        emitDisplacement(mod, displacement);
    }

    private void emitModRmSibDisp(int reg, int sib, int baseNumber, int displacement) {
        int mod = modFor(baseNumber & 7, displacement);
        buffer.putByte(mod << 6 | (reg & 7) << 3 | 0b100);
        buffer.putByte(sib);
        emitDisplacement(mod, displacement);
    }

    /** rbp and r13 as base: mod=00 would mean "no base, disp32" (or RIP), so they get a disp8 of 0. */
    private static int modFor(int baseLow, int displacement) {
        if (displacement == 0 && baseLow != 5) {
            return 0b00;
        }
        return displacement == (byte) displacement ? 0b01 : 0b10;
    }

    private void emitDisplacement(int mod, int displacement) {
        if (mod == 0b01) {
            buffer.putByte(displacement);
        } else if (mod == 0b10) {
            buffer.putInt(displacement);
        }
    }

    // ---- operand-size helpers shared by the layers ----

    static int sizePrefix(OperandSize size) {
        return size == OperandSize.S16 ? OPERAND_SIZE_PREFIX : 0;
    }

    static int rexW(OperandSize size) {
        return size == OperandSize.S64 ? REX_W : 0;
    }

    /** {@return whether a byte-sized register operand needs REX to mean spl/bpl/sil/dil} */
    static boolean needsByteRex(OperandSize size, Gpr register) {
        return size == OperandSize.S8 && isSplToDil(register);
    }

    static boolean needsByteRex(OperandSize size, Gpr first, Gpr second) {
        return size == OperandSize.S8 && (isSplToDil(first) || isSplToDil(second));
    }

    static boolean isSplToDil(Gpr register) {
        int number = register.ordinal();
        return number >= 4 && number <= 7;
    }

    static boolean fitsInByte(int value) {
        return value == (byte) value;
    }

    /**
     * {@return {@code immediate} truncated to {@code size}}
     *
     * @throws IllegalArgumentException if it fits neither the signed nor the unsigned range of a
     *         byte or 16-bit operand (32- and 64-bit operations take any int; 64-bit sign-extends)
     */
    static int checkImmediate(OperandSize size, int immediate) {
        return switch (size) {
            case S8 -> {
                if (immediate < -128 || immediate > 255) {
                    throw new IllegalArgumentException("8-bit immediate out of range: " + immediate);
                }
                yield (byte) immediate;
            }
            case S16 -> {
                if (immediate < -32768 || immediate > 65535) {
                    throw new IllegalArgumentException("16-bit immediate out of range: " + immediate);
                }
                yield (short) immediate;
            }
            case S32, S64 -> immediate;
        };
    }

    /** Throws unless {@code size} is 16, 32 or 64 bits. */
    static void checkNotByte(OperandSize size, String mnemonic) {
        if (size == OperandSize.S8) {
            throw new IllegalArgumentException(mnemonic + " has no 8-bit form");
        }
    }

    /** Throws unless {@code size} is 32 or 64 bits. */
    static void check32Or64(OperandSize size, String mnemonic) {
        if (size != OperandSize.S32 && size != OperandSize.S64) {
            throw new IllegalArgumentException(mnemonic + " has only 32- and 64-bit forms, not " + size);
        }
    }
}
