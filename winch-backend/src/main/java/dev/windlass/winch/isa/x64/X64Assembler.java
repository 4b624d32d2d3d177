package dev.windlass.winch.isa.x64;

import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;

/**
 * The x86-64 assembler: one method per instruction form, each emitting the bytes at once into a
 * {@link CodeBuffer}. It knows encodings only: no Wasm, no register allocation, no scratch
 * registers; the MacroAssembler above it chooses instructions.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Intel operand order: destination first, {@code add(S32, dst, src)} is
 *       {@code dst += src}.</li>
 *   <li>Integer instructions take an explicit {@link OperandSize} as their first argument; SSE
 *       instructions carry the width in their mnemonic ({@code addss}, {@code addsd}).</li>
 *   <li>Operands are typed: {@link Gpr} and {@link Xmm} registers, {@link Amode} memory, and
 *       {@code int} immediates (sign-extended by 64-bit operations; {@code mov} to a 64-bit
 *       register takes a {@code long}). Overloads exist for every form the hardware has.</li>
 *   <li>Every encoding is the shortest correct one: REX only when needed, imm8 and disp8 when
 *       the value fits, the accumulator short forms.</li>
 *   <li>Instructions outside the {@link Target}'s features throw
 *       {@link MissingCpuFeatureException}; the caller checks {@link Target#has} and picks a
 *       fallback. Invalid operands (a size an instruction lacks, an immediate out of range)
 *       throw {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>The methods are declared in layers by instruction family, to keep each file small:
 * {@code MoveInstructions}, {@code AluInstructions}, {@code ScalarFloatInstructions} and, here,
 * control flow. {@code X64Emitter} holds the shared encoding of prefixes, REX, ModRM, SIB and
 * displacements.
 *
 * <h2>Control flow</h2>
 * {@link #jmp(Label)} and {@link #jcc(ConditionCode, Label)} are relaxed by the buffer: 2 bytes
 * when the final displacement fits in a signed byte, else 5 ({@code jmp}) or 6 ({@code jcc}); see
 * {@link CodeBuffer}. Calls and jumps to other functions of the module ({@link #callExternal},
 * {@link #jmpExternal}) are rel32 and recorded as call sites for the linker.
 */
public final class X64Assembler extends ScalarFloatInstructions {

    /** Creates an assembler that appends to {@code buffer}, which must pad with x86 no-ops. */
    public X64Assembler(CodeBuffer buffer, Target target) {
        super(buffer, target);
    }

    /** {@return an assembler for {@code target} with a new buffer that pads with x86 no-ops} */
    public static X64Assembler create(Target target) {
        return new X64Assembler(newCodeBuffer(), target);
    }

    /** {@return an empty code buffer whose alignment gaps are filled with x86 no-ops} */
    public static CodeBuffer newCodeBuffer() {
        return new CodeBuffer(X64Nops.PADDING);
    }

    /** {@return a new label}, as {@link CodeBuffer#newLabel()} */
    public Label newLabel() {
        return buffer.newLabel();
    }

    /** Binds {@code label} here, as {@link CodeBuffer#bind(Label)}. */
    public void bind(Label label) {
        buffer.bind(label);
    }

    /** {@code call target}: rel32 to a label of this function. */
    public void call(Label target) {
        buffer.putByte(0xE8);
        buffer.putLabelRel32(target, 0);
    }

    /** {@code call callee}: rel32 to another function, recorded as a call site for the linker. */
    public void callExternal(int callee) {
        buffer.putByte(0xE8);
        buffer.putCallSiteRel32(callee);
    }

    /** {@code call reg}. */
    public void call(Gpr target) {
        emitRegReg(0, 0, false, 0xFF, 2, target.ordinal());
    }

    /** {@code call qword [target]}. */
    public void call(Amode target) {
        emitRegMem(0, 0, false, 0xFF, 2, target, 0);
    }

    /** {@code jmp target}: relaxed to rel8 or rel32. */
    public void jmp(Label target) {
        buffer.putRelaxableBranch(target, 0xEB, 0xE9, 1);
    }

    /** {@code jmp callee}: a tail jump to another function, recorded as a call site. */
    public void jmpExternal(int callee) {
        buffer.putByte(0xE9);
        buffer.putCallSiteRel32(callee);
    }

    /** {@code jmp reg}. */
    public void jmp(Gpr target) {
        emitRegReg(0, 0, false, 0xFF, 4, target.ordinal());
    }

    /** {@code jmp qword [target]}. */
    public void jmp(Amode target) {
        emitRegMem(0, 0, false, 0xFF, 4, target, 0);
    }

    /** {@code jcc target}: jumps if {@code cc} holds; relaxed to rel8 or rel32. */
    public void jcc(ConditionCode cc, Label target) {
        buffer.putRelaxableBranch(target, 0x70 + cc.encoding(), 0x0F80 + cc.encoding(), 2);
    }

    /** {@code ret}. */
    public void ret() {
        buffer.putByte(0xC3);
    }

    /** {@code ud2}: the guaranteed invalid opcode, for traps. */
    public void ud2() {
        buffer.putByte(0x0F);
        buffer.putByte(0x0B);
    }

    /** {@code int3}: a breakpoint. */
    public void int3() {
        buffer.putByte(0xCC);
    }

    /**
     * Emits one no-op instruction of exactly {@code length} bytes, the recommended sequence.
     *
     * @param length within [1, 15]
     */
    public void nop(int length) {
        if (length < 1 || length > 15) {
            throw new IllegalArgumentException("a nop is 1 to 15 bytes long: " + length);
        }
        for (byte b : X64Nops.nop(length)) {
            buffer.putByte(b);
        }
    }

    /** Pads with no-ops to a multiple of {@code alignment}, as {@link CodeBuffer#align(int)}. */
    public void align(int alignment) {
        buffer.align(alignment);
    }
}
