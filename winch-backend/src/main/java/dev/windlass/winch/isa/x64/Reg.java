package dev.windlass.winch.isa.x64;

/** A machine register: a general-purpose {@link Gpr} or a vector {@link Xmm}. */
public sealed interface Reg extends Operand permits Gpr, Xmm {

    /** {@return the register file this register belongs to} */
    RegClass regClass();

    /** {@return the 4-bit hardware number: bits 0-2 go in ModRM/SIB/opcode, bit 3 in REX} */
    int encoding();
}
