package dev.windlass.winch.isa.x64;

/**
 * An instruction operand that names a location: a register ({@link Reg}) or memory
 * ({@link Amode}). Immediates are plain {@code int}/{@code long} arguments. The assembler's
 * methods are overloaded by operand kind ({@code add(S32, Gpr, Gpr)}, {@code add(S32, Gpr,
 * Amode)}, ...), so most callers never see this type; it exists for callers that hold "a
 * register or memory" operand, such as a value stack, and switch over it.
 */
public sealed interface Operand permits Reg, Amode {
}
