package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.CONTEXT;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;
import static dev.windlass.winch.codegen.x64.X64Registers.gpr;

import dev.windlass.winch.codegen.CodeGenContext;
import dev.windlass.winch.codegen.DivOp;
import dev.windlass.winch.codegen.FloatBinaryOp;
import dev.windlass.winch.codegen.FloatCondition;
import dev.windlass.winch.codegen.FloatUnaryOp;
import dev.windlass.winch.codegen.Heap;
import dev.windlass.winch.codegen.IntBinaryOp;
import dev.windlass.winch.codegen.IntCondition;
import dev.windlass.winch.codegen.IntUnaryOp;
import dev.windlass.winch.codegen.MacroAssembler;
import dev.windlass.winch.codegen.MemoryAccess;
import dev.windlass.winch.codegen.OperandSize;
import dev.windlass.winch.codegen.Reg;
import dev.windlass.winch.codegen.ShiftOp;
import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.isa.x64.Xmm;
import dev.windlass.winch.vm.RuntimeOffsets;
import dev.windlass.winch.vm.TrapCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MacroAssembler} of x86-64, over {@link X64Assembler}. Register roles are in
 * {@link X64Registers}; the frame is {@code codegen.FrameLayout}'s.
 *
 * <p>Traps: a trapping condition jumps to an out-of-line stub at the end of the function,
 * {@code call <trap handler>}, whose address is recorded in the trap table with its code. The
 * module's trap handler ({@link X64ModuleCode}) takes the return address as the trap pc and
 * unwinds to the entry trampoline. So a trap costs no code on the fast path but a
 * not-taken branch, and the runtime learns the code and the Wasm offset from the tables.
 */
public final class X64MacroAssembler implements MacroAssembler {

    private final X64Assembler asm;
    private final CodeBuffer buffer;
    private final List<TrapStub> trapStubs = new ArrayList<>();
    private final X64FloatOps floats;
    private final X64FloatConversions conversions;
    private final X64HeapOps heap;
    private final X64TableOps tables;
    private final X64IntegerOps integers;
    private final boolean spectreHardening;
    private int frameSizeField = -1;
    private int sourceOffset;

    private record TrapStub(Label label, TrapCode code, int sourceOffset) {
    }

    /** A MacroAssembler over {@code asm} whose bounds checks are Spectre-hardened. */
    public X64MacroAssembler(X64Assembler asm) {
        this(asm, true);
    }

    /**
     * A MacroAssembler over {@code asm}; with {@code spectreHardening}, every bounds check also
     * masks a mis-speculated address or index (the {@code spectreHardening} code option).
     */
    public X64MacroAssembler(X64Assembler asm, boolean spectreHardening) {
        this.asm = asm;
        this.buffer = asm.buffer();
        this.spectreHardening = spectreHardening;
        this.floats = new X64FloatOps(asm);
        this.conversions = new X64FloatConversions(asm, this);
        this.heap = new X64HeapOps(asm, this, spectreHardening);
        this.tables = new X64TableOps(asm, this, spectreHardening);
        this.integers = new X64IntegerOps(asm, this);
    }

    static dev.windlass.winch.isa.x64.OperandSize size(OperandSize size) {
        return size == OperandSize.S32 ? dev.windlass.winch.isa.x64.OperandSize.S32
                : dev.windlass.winch.isa.x64.OperandSize.S64;
    }

    private static final dev.windlass.winch.isa.x64.OperandSize S8 = dev.windlass.winch.isa.x64.OperandSize.S8;
    private static final dev.windlass.winch.isa.x64.OperandSize S16 = dev.windlass.winch.isa.x64.OperandSize.S16;
    private static final dev.windlass.winch.isa.x64.OperandSize S32 = dev.windlass.winch.isa.x64.OperandSize.S32;
    private static final dev.windlass.winch.isa.x64.OperandSize S64 = dev.windlass.winch.isa.x64.OperandSize.S64;

    private static Amode frame(int fpOffset) {
        return new Amode.BaseDisp(Gpr.RBP, fpOffset);
    }

    private static Amode outgoing(int spOffset) {
        return new Amode.BaseDisp(Gpr.RSP, spOffset);
    }

    private static Amode context(int offset) {
        return new Amode.BaseDisp(CONTEXT, offset);
    }

    private static ConditionCode cc(IntCondition condition) {
        return switch (condition) {
            case EQ -> ConditionCode.E;
            case NE -> ConditionCode.NE;
            case LT_S -> ConditionCode.L;
            case LT_U -> ConditionCode.B;
            case GT_S -> ConditionCode.G;
            case GT_U -> ConditionCode.A;
            case LE_S -> ConditionCode.LE;
            case LE_U -> ConditionCode.BE;
            case GE_S -> ConditionCode.GE;
            case GE_U -> ConditionCode.AE;
        };
    }

    private static boolean isFloat(Reg reg) {
        return reg.bank() == Reg.Bank.FLOAT;
    }

    static Xmm xmm(Reg reg) {
        return Xmm.of(reg.number());
    }

    /** Loads {@code dst} from memory, as an integer or a float register. */
    private void load(Reg dst, Amode src, OperandSize size) {
        if (!isFloat(dst)) {
            asm.mov(size(size), gpr(dst), src);
        } else if (size == OperandSize.S32) {
            asm.movss(xmm(dst), src);
        } else {
            asm.movsd(xmm(dst), src);
        }
    }

    /** Stores {@code src} to memory, as an integer or a float register. */
    private void store(Amode dst, Reg src, OperandSize size) {
        if (!isFloat(src)) {
            asm.mov(size(size), dst, gpr(src));
        } else if (size == OperandSize.S32) {
            asm.movss(dst, xmm(src));
        } else {
            asm.movsd(dst, xmm(src));
        }
    }

    // ---- positions ----

    @Override
    public Label newLabel() {
        return buffer.newLabel();
    }

    @Override
    public void bind(Label label) {
        buffer.bind(label);
    }

    @Override
    public int offset() {
        return buffer.offset();
    }

    @Override
    public void recordSourceOffset(int bytecodeOffset) {
        sourceOffset = bytecodeOffset;
        buffer.recordSourceOffset(bytecodeOffset);
    }

    // ---- frame ----

    @Override
    public void prologue() {
        // The limit is checked against where the stack pointer WILL be, before it moves: a frame
        // larger than the reserve below the limit must never put rsp (or the trap's return
        // address) outside the thread's stack. All registers are free here (params are in memory).
        asm.push(Gpr.RBP);
        asm.mov(S64, Gpr.RBP, Gpr.RSP);
        asm.mov(S64, Gpr.RAX, context(0));
        // lea r11, [rsp + disp32]: always the 4-byte displacement, patched with -frameSize by finishFrame
        buffer.putByte(0x4C);
        buffer.putByte(0x8D);
        buffer.putByte(0x9C);
        buffer.putByte(0x24);
        frameSizeField = buffer.offset();
        buffer.putInt(0);
        asm.cmp(S64, SCRATCH, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.STACK_LIMIT));
        asm.jcc(ConditionCode.B, trapStub(TrapCode.STACK_OVERFLOW));
        asm.mov(S64, Gpr.RSP, SCRATCH);
        asm.mov(S64, frame(-8), CONTEXT);
    }

    @Override
    public void zeroFrameSlots(int lowestFpOffset, int slots) {
        if (slots <= 8) {
            for (int i = 0; i < slots; i++) {
                asm.mov(S64, frame(lowestFpOffset + 8 * i), 0);
            }
            return;
        }
        // All registers are free in the prologue: rax = 0, rcx counts the slots down.
        asm.mov(S32, Gpr.RAX, 0);
        asm.mov(S32, Gpr.RCX, slots);
        Label loop = buffer.newLabel();
        asm.bind(loop);
        asm.mov(S64, new Amode.BaseIndexDisp(Gpr.RBP, Gpr.RCX, 8, lowestFpOffset - 8), Gpr.RAX);
        asm.sub(S32, Gpr.RCX, 1);
        asm.jcc(ConditionCode.NE, loop);
    }

    @Override
    public void epilogueAndReturn() {
        asm.mov(S64, Gpr.RSP, Gpr.RBP);
        asm.pop(Gpr.RBP);
        asm.ret();
    }

    @Override
    public void finishFrame(int frameSize) {
        buffer.patchInt(frameSizeField, -frameSize);
        for (TrapStub stub : trapStubs) {
            asm.bind(stub.label());
            buffer.recordSourceOffset(stub.sourceOffset());
            emitTrapCall(stub.code());
        }
        trapStubs.clear();
    }

    // ---- moves ----

    @Override
    public void move(Reg dst, Reg src, OperandSize size) {
        if (isFloat(dst)) {
            asm.movaps(xmm(dst), xmm(src));
        } else {
            asm.mov(S64, gpr(dst), gpr(src));
        }
    }

    @Override
    public void loadImmediate(Reg dst, long bits, OperandSize size) {
        if (!isFloat(dst)) {
            asm.mov(size(size), gpr(dst), size == OperandSize.S32 ? (int) bits : bits);
        } else if (bits == 0) {
            asm.xorps(xmm(dst), xmm(dst));
        } else {
            Label constant = size == OperandSize.S32 ? buffer.constant32((int) bits) : buffer.constant64(bits);
            load(dst, new Amode.RipRelative(constant), size);
        }
    }

    @Override
    public void loadFrame(Reg dst, int fpOffset, OperandSize size) {
        load(dst, frame(fpOffset), size);
    }

    @Override
    public void storeFrame(int fpOffset, Reg src, OperandSize size) {
        store(frame(fpOffset), src, size);
    }

    @Override
    public void storeFrameImmediate(int fpOffset, int value, OperandSize size) {
        asm.mov(size(size), frame(fpOffset), value);
    }

    @Override
    public void storeFrameConstant(int fpOffset, long bits, OperandSize size) {
        storeConstant(frame(fpOffset), bits, size);
    }

    private void storeConstant(Amode dst, long bits, OperandSize size) {
        if (size == OperandSize.S32 || bits == (int) bits) {
            asm.mov(size(size), dst, (int) bits);
        } else {
            asm.mov(S64, SCRATCH, bits);
            asm.mov(S64, dst, SCRATCH);
        }
    }

    @Override
    public void copyFrame(int dstFpOffset, int srcFpOffset, OperandSize size) {
        asm.mov(size(size), SCRATCH, frame(srcFpOffset));
        asm.mov(size(size), frame(dstFpOffset), SCRATCH);
    }

    @Override
    public void swap(Reg a, Reg b) {
        if (isFloat(a)) {
            asm.movaps(X64Registers.FLOAT_SCRATCH, xmm(a));
            asm.movaps(xmm(a), xmm(b));
            asm.movaps(xmm(b), X64Registers.FLOAT_SCRATCH);
            return;
        }
        asm.mov(S64, SCRATCH, gpr(a));
        asm.mov(S64, gpr(a), gpr(b));
        asm.mov(S64, gpr(b), SCRATCH);
    }

    @Override
    public void storeOutgoingConstant(int spOffset, long bits, OperandSize size) {
        storeConstant(outgoing(spOffset), bits, size);
    }

    @Override
    public void copyFrameToOutgoing(int spOffset, int fpOffset, OperandSize size) {
        asm.mov(size(size), SCRATCH, frame(fpOffset));
        asm.mov(size(size), outgoing(spOffset), SCRATCH);
    }

    @Override
    public void loadMemory(Reg dst, Reg base, int displacement, OperandSize size) {
        load(dst, new Amode.BaseDisp(gpr(base), displacement), size);
    }

    @Override
    public void storeMemory(Reg base, int displacement, Reg src, OperandSize size) {
        store(new Amode.BaseDisp(gpr(base), displacement), src, size);
    }

    @Override
    public void loadOutgoing(Reg dst, int spOffset, OperandSize size) {
        load(dst, outgoing(spOffset), size);
    }

    @Override
    public void storeOutgoing(int spOffset, Reg src, OperandSize size) {
        store(outgoing(spOffset), src, size);
    }

    @Override
    public void loadContext(Reg dst, int contextOffset, OperandSize size) {
        load(dst, context(contextOffset), size);
    }

    @Override
    public void storeContext(int contextOffset, Reg src, OperandSize size) {
        store(context(contextOffset), src, size);
    }

    @Override
    public void restoreContext() {
        asm.mov(S64, CONTEXT, frame(-8));
    }

    // ---- integer arithmetic ----

    @Override
    public void intBinary(IntBinaryOp op, Reg dst, Reg src, OperandSize size) {
        var s = size(size);
        Gpr d = gpr(dst);
        Gpr r = gpr(src);
        switch (op) {
            case ADD -> asm.add(s, d, r);
            case SUB -> asm.sub(s, d, r);
            case MUL -> asm.imul(s, d, r);
            case AND -> asm.and(s, d, r);
            case OR -> asm.or(s, d, r);
            case XOR -> asm.xor(s, d, r);
        }
    }

    @Override
    public void intBinaryImmediate(IntBinaryOp op, Reg dst, int imm, OperandSize size) {
        var s = size(size);
        Gpr d = gpr(dst);
        switch (op) {
            case ADD -> asm.add(s, d, imm);
            case SUB -> asm.sub(s, d, imm);
            case MUL -> asm.imul(s, d, d, imm);
            case AND -> asm.and(s, d, imm);
            case OR -> asm.or(s, d, imm);
            case XOR -> asm.xor(s, d, imm);
        }
    }

    @Override
    public void intUnary(IntUnaryOp op, Reg dst, Reg src, OperandSize size) {
        integers.unary(op, gpr(dst), gpr(src), size);
    }

    @Override
    public void shift(CodeGenContext context, ShiftOp op, OperandSize size) {
        integers.shift(context, op, size);
    }

    @Override
    public void divide(CodeGenContext context, DivOp op, OperandSize size) {
        integers.divide(context, op, size);
    }

    @Override
    public void compare(Reg a, Reg b, OperandSize size) {
        asm.cmp(size(size), gpr(a), gpr(b));
    }

    @Override
    public void compareImmediate(Reg a, int imm, OperandSize size) {
        if (imm == 0) {
            asm.test(size(size), gpr(a), gpr(a));
        } else {
            asm.cmp(size(size), gpr(a), imm);
        }
    }

    @Override
    public void setIf(IntCondition condition, Reg dst) {
        asm.setcc(cc(condition), gpr(dst));
        asm.movzx(S8, S32, gpr(dst), gpr(dst));
    }

    @Override
    public void moveIf(IntCondition condition, Reg dst, Reg src, OperandSize size) {
        if (isFloat(dst)) {
            Label skip = buffer.newLabel();
            asm.jcc(cc(condition).invert(), skip);
            asm.movaps(xmm(dst), xmm(src));
            asm.bind(skip);
        } else {
            asm.cmov(size(size), cc(condition), gpr(dst), gpr(src));
        }
    }

    @Override
    public void zeroExtend32(Reg dst, Reg src) {
        asm.mov(S32, gpr(dst), gpr(src));
    }

    @Override
    public void signExtend32(Reg dst, Reg src) {
        asm.movsxd(gpr(dst), gpr(src));
    }

    // ---- floating point ----

    @Override
    public void floatBinary(FloatBinaryOp op, Reg dst, Reg src, OperandSize size) {
        floats.binary(op, xmm(dst), xmm(src), size == OperandSize.S64);
    }

    @Override
    public void floatUnary(FloatUnaryOp op, Reg dst, OperandSize size) {
        floats.unary(op, xmm(dst), size == OperandSize.S64);
    }

    @Override
    public void floatCompare(FloatCondition condition, Reg dst, Reg left, Reg right, OperandSize size) {
        floats.compare(condition, gpr(dst), xmm(left), xmm(right), size == OperandSize.S64);
    }

    @Override
    public void intToFloat(Reg dst, Reg src, OperandSize from, OperandSize to, boolean signed) {
        conversions.intToFloat(xmm(dst), gpr(src), from == OperandSize.S64, to == OperandSize.S64, signed);
    }

    @Override
    public void floatToInt(Reg dst, Reg src, OperandSize from, OperandSize to, boolean signed, boolean saturating) {
        conversions.floatToInt(gpr(dst), xmm(src), from == OperandSize.S64, to == OperandSize.S64, signed, saturating);
    }

    @Override
    public void floatToFloat(Reg reg, OperandSize to) {
        if (to == OperandSize.S64) {
            asm.cvtss2sd(xmm(reg), xmm(reg));
        } else {
            asm.cvtsd2ss(xmm(reg), xmm(reg));
        }
    }

    @Override
    public void moveBits(Reg dst, Reg src, OperandSize size) {
        boolean wide = size == OperandSize.S64;
        if (isFloat(dst)) {
            if (wide) {
                asm.movq(xmm(dst), gpr(src));
            } else {
                asm.movd(xmm(dst), gpr(src));
            }
        } else if (wide) {
            asm.movq(gpr(dst), xmm(src));
        } else {
            asm.movd(gpr(dst), xmm(src));
        }
    }

    // ---- linear memory ----

    @Override
    public void heapLoad(Heap heapRef, MemoryAccess access, Reg dst, Reg address, long offset, Reg temp) {
        heap.load(heapRef, access, isFloat(dst) ? null : gpr(dst), isFloat(dst) ? xmm(dst) : null, gpr(address),
                offset, gpr(temp));
    }

    @Override
    public void heapStore(Heap heapRef, MemoryAccess access, Reg value, Reg address, long offset, Reg temp) {
        heap.store(heapRef, access, isFloat(value) ? null : gpr(value), isFloat(value) ? xmm(value) : null,
                gpr(address), offset, gpr(temp));
    }

    @Override
    public void memorySize(Heap heapRef, Reg dst, OperandSize size) {
        heap.size(heapRef, gpr(dst));
    }

    @Override
    public void memoryGrow(int memoryIndex, Reg delta) {
        heap.grow(memoryIndex, gpr(delta));
    }

    @Override
    public Reg builtinResultRegister() {
        return X64Registers.reg(Gpr.RAX);
    }

    private static final Gpr[] BUILTIN_ARGUMENTS = {Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9};

    @Override
    public Reg builtinArgumentRegister(int index) {
        return X64Registers.reg(BUILTIN_ARGUMENTS[index]);
    }

    @Override
    public void callBuiltin(int builtin) {
        heap.callBuiltin(builtin);
    }

    // ---- tables ----

    @Override
    public void tableGet(Heap table, Reg dst, Reg index) {
        tables.get(table, gpr(dst), gpr(index));
    }

    @Override
    public void tableSet(Heap table, Reg index, Reg value) {
        tables.set(table, gpr(index), gpr(value));
    }

    @Override
    public void tableSize(Heap table, Reg dst) {
        tables.size(table, gpr(dst));
    }

    @Override
    public void callIndirect(Heap table, int typeIndex, Reg index, Reg temp) {
        tables.callIndirect(table, typeIndex, gpr(index), gpr(temp));
    }

    // ---- control ----

    @Override
    public void jump(Label target) {
        asm.jmp(target);
    }

    @Override
    public void branchIf(IntCondition condition, Label target) {
        asm.jcc(cc(condition), target);
    }

    @Override
    public void jumpTable(Reg index, Label[] targets, Label defaultTarget) {
        Gpr i = gpr(index);
        asm.mov(S32, i, i); // an i32: clear the upper half before using it as an address
        asm.cmp(S32, i, targets.length);
        asm.jcc(ConditionCode.AE, defaultTarget);
        if (spectreHardening) { // a mis-speculated index past the table jumps through entry 0
            asm.cmov(S32, ConditionCode.AE, i, zeroConstant());
        }
        Label table = buffer.newLabel();
        asm.lea(S64, SCRATCH, new Amode.RipRelative(table));
        asm.lea(S64, i, new Amode.BaseIndexDisp(i, i, 4, 0)); // i * 5: the size of an entry
        asm.add(S64, SCRATCH, i);
        asm.jmp(SCRATCH);
        asm.bind(table);
        for (Label target : targets) { // jmp rel32, never relaxed, so every entry is 5 bytes
            buffer.putByte(0xE9);
            buffer.putLabelRel32(target, 0);
        }
    }

    /** {@return a pool constant of 64 zero bits}: the safe value conditional moves select under misspeculation */
    Amode zeroConstant() {
        return new Amode.RipRelative(buffer.constant64(0));
    }

    @Override
    public void trap(TrapCode code) {
        emitTrapCall(code);
    }

    @Override
    public void trapIf(IntCondition condition, TrapCode code) {
        asm.jcc(cc(condition), trapStub(code));
    }

    Label trapStub(TrapCode code) {
        Label label = buffer.newLabel();
        trapStubs.add(new TrapStub(label, code, sourceOffset));
        return label;
    }

    private void emitTrapCall(TrapCode code) {
        buffer.recordTrap(code.code());
        asm.callExternal(Isa.TRAP_HANDLER_CALLEE);
    }

    // ---- metering ----

    @Override
    public void consumeFuel(int units) {
        // sub r15, units; jl out_of_fuel — signed: fuel < units. The fuel lives in r15 (X64Registers.FUEL).
        asm.sub(S64, X64Registers.FUEL, units);
        asm.jcc(ConditionCode.L, trapStub(TrapCode.OUT_OF_FUEL));
    }

    @Override
    public void consumeFuelForLength(Reg length, int unitShift) {
        Gpr units = gpr(length);
        if (unitShift > 0) {
            asm.shr(S64, units, unitShift);
        }
        asm.sub(S64, X64Registers.FUEL, units);
        asm.jcc(ConditionCode.L, trapStub(TrapCode.OUT_OF_FUEL));
    }

    @Override
    public void checkEpoch(Reg temp) {
        // The counter is the engine's, the deadline the store's: two loads through the runtime block.
        Gpr counter = gpr(temp);
        asm.mov(S64, SCRATCH, context(0));
        asm.mov(S64, counter, new Amode.BaseDisp(SCRATCH, RuntimeOffsets.EPOCH_COUNTER_ADDRESS));
        asm.mov(S64, counter, new Amode.BaseDisp(counter, 0));
        asm.cmp(S64, counter, new Amode.BaseDisp(SCRATCH, RuntimeOffsets.EPOCH_DEADLINE));
        asm.jcc(ConditionCode.AE, trapStub(TrapCode.INTERRUPT));
    }

    // ---- calls ----

    @Override
    public void callDirect(int functionIndex) {
        asm.callExternal(functionIndex);
    }

    @Override
    public void callImport(int codeContextOffset, int calleeContextOffset) {
        asm.mov(S64, SCRATCH, context(codeContextOffset));
        asm.mov(S64, CONTEXT, context(calleeContextOffset));
        asm.call(SCRATCH);
    }
}
