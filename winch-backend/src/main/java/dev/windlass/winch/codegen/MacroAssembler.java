package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.Label;
import dev.windlass.winch.vm.TrapCode;

/**
 * What the code generator asks of an ISA: operations in Wasm's terms on registers, frame slots
 * and context fields. The implementation for an ISA (e.g. {@code codegen.x64.X64MacroAssembler})
 * alone knows two- versus three-operand forms, immediate limits, scratch registers and fixed
 * registers; the generator never emits bytes.
 *
 * <p>Frame offsets are relative to the frame pointer ({@link FrameLayout}); context offsets to
 * the pinned context register ({@code dev.windlass.winch.vm.VmOffsets}); outgoing offsets to the
 * stack pointer. Operations whose operands live in fixed registers on some ISA (shifts by a
 * register count, division) take the {@link CodeGenContext} and pop and push their operands
 * themselves, so they can claim the registers they need.
 */
public interface MacroAssembler {

    // ---- positions --------------------------------------------------------------------------

    Label newLabel();

    void bind(Label label);

    /** {@return the offset of the next instruction in the function's code} */
    int offset();

    /** Maps the next instruction to the Wasm bytecode offset, for traps and backtraces. */
    void recordSourceOffset(int bytecodeOffset);

    // ---- frame ------------------------------------------------------------------------------

    /**
     * Sets up the frame: saves the caller's frame pointer, reserves the frame (its size comes
     * later, through {@link #finishFrame}), saves the context register in the frame and traps
     * with STACK_OVERFLOW if the frame would reach below the store's stack limit — checked
     * before the stack pointer moves, so a frame larger than the reserve below the limit never
     * leaves the thread's stack.
     */
    void prologue();

    /** Zeroes {@code slots} frame slots from {@code lowestFpOffset} upward (declared locals). */
    void zeroFrameSlots(int lowestFpOffset, int slots);

    /** Tears the frame down and returns to the caller. */
    void epilogueAndReturn();

    /** Fixes the frame size reserved by {@link #prologue()}, once the body is emitted. */
    void finishFrame(int frameSize);

    // ---- moves ------------------------------------------------------------------------------

    void move(Reg dst, Reg src, OperandSize size);

    void loadImmediate(Reg dst, long bits, OperandSize size);

    void loadFrame(Reg dst, int fpOffset, OperandSize size);

    void storeFrame(int fpOffset, Reg src, OperandSize size);

    /** Stores {@code value}, sign-extended to the size, into a frame slot. */
    void storeFrameImmediate(int fpOffset, int value, OperandSize size);

    /** Stores {@code bits} into a frame slot, through a scratch register if it needs 64 bits. */
    void storeFrameConstant(int fpOffset, long bits, OperandSize size);

    /** Copies one frame slot to another, through a scratch register. */
    void copyFrame(int dstFpOffset, int srcFpOffset, OperandSize size);

    /** Exchanges two registers (breaks cycles of register moves). */
    void swap(Reg a, Reg b);

    void loadOutgoing(Reg dst, int spOffset, OperandSize size);

    void storeOutgoing(int spOffset, Reg src, OperandSize size);

    /** Stores {@code bits} into an outgoing slot, through a scratch register if it needs 64 bits. */
    void storeOutgoingConstant(int spOffset, long bits, OperandSize size);

    /** Copies a frame slot to an outgoing slot, through a scratch register. */
    void copyFrameToOutgoing(int spOffset, int fpOffset, OperandSize size);

    /** {@code dst = [base + displacement]}. */
    void loadMemory(Reg dst, Reg base, int displacement, OperandSize size);

    /** {@code [base + displacement] = src}. */
    void storeMemory(Reg base, int displacement, Reg src, OperandSize size);

    void loadContext(Reg dst, int contextOffset, OperandSize size);

    void storeContext(int contextOffset, Reg src, OperandSize size);

    /** Reloads the context register from the frame (after a call into another context). */
    void restoreContext();

    // ---- integer arithmetic -----------------------------------------------------------------

    /** {@code dst = dst op src}. */
    void intBinary(IntBinaryOp op, Reg dst, Reg src, OperandSize size);

    /** {@code dst = dst op imm}, the immediate sign-extended to the size. */
    void intBinaryImmediate(IntBinaryOp op, Reg dst, int imm, OperandSize size);

    /** {@code dst = op(src)}; {@code dst} may equal {@code src}. */
    void intUnary(IntUnaryOp op, Reg dst, Reg src, OperandSize size);

    /** Pops count and value, pushes the shifted value. */
    void shift(CodeGenContext context, ShiftOp op, OperandSize size);

    /** Pops divisor and dividend, pushes the quotient or remainder; emits the traps. */
    void divide(CodeGenContext context, DivOp op, OperandSize size);

    /** Sets the flags from {@code a - b}. */
    void compare(Reg a, Reg b, OperandSize size);

    /** Sets the flags from {@code a - imm}. */
    void compareImmediate(Reg a, int imm, OperandSize size);

    /** {@code dst = condition ? 1 : 0} (32 bits), from the flags of the last comparison. */
    void setIf(IntCondition condition, Reg dst);

    /** {@code if (condition) dst = src}, from the flags of the last comparison. */
    void moveIf(IntCondition condition, Reg dst, Reg src, OperandSize size);

    /** {@code dst = (u64) (u32) src}: i64.extend_i32_u, and the i32.wrap_i64 of a 64-bit value. */
    void zeroExtend32(Reg dst, Reg src);

    /** {@code dst = (i64) (i32) src}: i64.extend_i32_s. */
    void signExtend32(Reg dst, Reg src);

    // ---- floating point ---------------------------------------------------------------------

    /** {@code dst = dst op src} on floating-point registers. */
    void floatBinary(FloatBinaryOp op, Reg dst, Reg src, OperandSize size);

    /** {@code dst = op(dst)} on a floating-point register. */
    void floatUnary(FloatUnaryOp op, Reg dst, OperandSize size);

    /** {@code dst = left condition right ? 1 : 0}; {@code dst} is an integer register. */
    void floatCompare(FloatCondition condition, Reg dst, Reg left, Reg right, OperandSize size);

    /** {@code dst = (float) src}: f32/f64.convert_i32/i64_s/u; may clobber {@code src}. */
    void intToFloat(Reg dst, Reg src, OperandSize from, OperandSize to, boolean signed);

    /**
     * {@code dst = (int) src}, truncating: i32/i64.trunc_f32/f64_s/u, which trap on NaN
     * (INVALID_CONVERSION_TO_INTEGER) and out of range (INTEGER_OVERFLOW), or their
     * {@code trunc_sat} forms, which saturate (NaN gives 0).
     */
    void floatToInt(Reg dst, Reg src, OperandSize from, OperandSize to, boolean signed, boolean saturating);

    /** f64.promote_f32 ({@code to} = S64) or f32.demote_f64 ({@code to} = S32), in place. */
    void floatToFloat(Reg reg, OperandSize to);

    /** Copies the bits between an integer and a floating-point register (the reinterpret operators). */
    void moveBits(Reg dst, Reg src, OperandSize size);

    // ---- linear memory ----------------------------------------------------------------------

    /**
     * {@code dst = memory[address + offset]}, after checking that the access lies within the
     * memory's current length (else MEMORY_OUT_OF_BOUNDS). {@code temp} is an integer register
     * the caller owns; {@code dst} may be {@code address}.
     */
    void heapLoad(Heap heap, MemoryAccess access, Reg dst, Reg address, long offset, Reg temp);

    /** {@code memory[address + offset] = value}, checked like {@link #heapLoad}. */
    void heapStore(Heap heap, MemoryAccess access, Reg value, Reg address, long offset, Reg temp);

    /** {@code dst = the memory's size in pages}. */
    void memorySize(Heap heap, Reg dst, OperandSize size);

    /**
     * Calls the runtime to grow memory {@code memoryIndex} by {@code delta} pages; the old size
     * in pages, or -1, ends up in {@code result}. Every register but the context is clobbered:
     * the caller spills first. {@code result} must be {@link #builtinResultRegister()}.
     */
    void memoryGrow(int memoryIndex, Reg delta);

    /** {@return the register a runtime call returns its result in} */
    Reg builtinResultRegister();

    /**
     * {@return the register of argument {@code index} of a runtime call} (after the context,
     * which {@link #callBuiltin} passes itself); index within [0, 4]
     */
    Reg builtinArgumentRegister(int index);

    /** Calls builtin {@code builtin} ({@code dev.windlass.winch.vm.Builtins}); every register but the context is clobbered. */
    void callBuiltin(int builtin);

    // ---- tables -----------------------------------------------------------------------------

    /** {@code dst = table[index]}, trapping with TABLE_OUT_OF_BOUNDS; {@code dst} may be {@code index}. */
    void tableGet(Heap table, Reg dst, Reg index);

    /** {@code table[index] = value}, trapping with TABLE_OUT_OF_BOUNDS. */
    void tableSet(Heap table, Reg index, Reg value);

    /** {@code dst = the table's length}. */
    void tableSize(Heap table, Reg dst);

    /**
     * Calls through {@code table[index]}, whose arguments are in the outgoing area: traps with
     * TABLE_OUT_OF_BOUNDS, INDIRECT_CALL_TO_NULL or BAD_SIGNATURE (when the reference's type id
     * differs from that of the module's type {@code typeIndex}), loads the callee's context and
     * calls it. {@code index} and {@code temp} are clobbered; the caller restores the context.
     */
    void callIndirect(Heap table, int typeIndex, Reg index, Reg temp);

    // ---- control ----------------------------------------------------------------------------

    void jump(Label target);

    /** Branches if {@code condition} holds for the flags of the last comparison. */
    void branchIf(IntCondition condition, Label target);

    /**
     * Jumps to {@code targets[index]}, or to {@code defaultTarget} if {@code index} (an unsigned
     * 32-bit value) is not below {@code targets.length}. May clobber {@code index}.
     */
    void jumpTable(Reg index, Label[] targets, Label defaultTarget);

    /** Traps unconditionally. */
    void trap(TrapCode code);

    /** Traps if {@code condition} holds for the flags of the last comparison. */
    void trapIf(IntCondition condition, TrapCode code);

    // ---- metering (only called when Config turns fuel or epochs on) -------------------------

    /**
     * Subtracts {@code units} (positive) from the store's fuel ({@code RuntimeOffsets.FUEL}) and
     * traps with OUT_OF_FUEL if the result is negative. Clobbers the flags.
     */
    void consumeFuel(int units);

    /**
     * Subtracts {@code length >>> unitShift} (logical) from the store's fuel and traps with
     * OUT_OF_FUEL if the result is negative: the charge of a bulk operation's length. Clobbers
     * {@code length} (a register the caller owns, holding the length zero-extended to 64 bits)
     * and the flags.
     */
    void consumeFuelForLength(Reg length, int unitShift);

    /**
     * Traps with INTERRUPT if the engine's epoch counter (through
     * {@code RuntimeOffsets.EPOCH_COUNTER_ADDRESS}) has reached the store's deadline
     * ({@code RuntimeOffsets.EPOCH_DEADLINE}), compared unsigned. Clobbers {@code temp} and the flags.
     */
    void checkEpoch(Reg temp);

    // ---- calls ------------------------------------------------------------------------------

    /** Calls function {@code functionIndex} of the same module, pc-relative. */
    void callDirect(int functionIndex);

    /**
     * Calls an imported function through its context slot: loads the callee's context into the
     * context register and calls its code address; the caller restores its context afterwards.
     */
    void callImport(int codeContextOffset, int calleeContextOffset);
}
