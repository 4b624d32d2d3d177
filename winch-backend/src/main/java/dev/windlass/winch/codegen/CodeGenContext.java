package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.ValType;

/**
 * The state of code generation inside one function: the value stack, the free registers and
 * the frame, and the operations that move values between them (Winch's {@code CodeGenContext}).
 *
 * <p>Register ownership: a register is either free, owned by one {@link Val.InReg} entry of the
 * stack, or owned by the lowering code that popped it ({@link #popToReg}) or took it
 * ({@link #allocate}) until it pushes it back or {@link #free frees} it. When no register of a
 * bank is free, {@link #allocate} spills the bottom-most stack entry holding one (the value
 * needed last) to its fixed frame slot.
 */
public final class CodeGenContext {

    private final ValueStack stack = new ValueStack();
    private final RegSet allocatable;
    private final RegSet free;
    private final FrameLayout frame;
    private final MacroAssembler masm;
    private final ValMoves moves;

    CodeGenContext(MacroAssembler masm, FrameLayout frame, RegSet allocatable) {
        this.masm = masm;
        this.frame = frame;
        this.moves = new ValMoves(masm, frame);
        this.allocatable = allocatable.copy();
        this.free = allocatable.copy();
    }

    /**
     * {@return the state of a label whose frame starts at {@code base}}: the registers held below
     * the base now (at most one entry per register, so this costs nothing that grows with the
     * stack) and the {@code carried} entries above it
     */
    MergeState mergeState(int base, Val[] carried) {
        int count = 0;
        int[] positions = new int[ValueStack.registerIds()];
        for (int id = 0; id < ValueStack.registerIds(); id++) {
            int position = stack.holderOf(ValueStack.reg(id));
            if (position >= 0 && position < base) {
                positions[count++] = position;
            }
        }
        positions = java.util.Arrays.copyOf(positions, count);
        java.util.Arrays.sort(positions);
        Reg[] registers = new Reg[count];
        for (int i = 0; i < count; i++) {
            registers[i] = ((Val.InReg) stack.get(positions[i])).reg();
        }
        return new MergeState(base, positions, registers, carried);
    }

    /**
     * {@return a token of the whole compile-time state (every stack entry and the free
     * registers)}, for {@link #checkUnchanged}: lowering a conditional branch must leave the state
     * the fall-through path continues with as it found it, since the moves the branch emits run
     * on the taken path only.
     */
    StateCheck captureState() {
        return new StateCheck(stack.size(), stack.version(), free.copy());
    }

    /**
     * Checks that the state is still {@code before}.
     *
     * @throws CodegenException naming {@code where} if a stack entry or the free registers changed
     */
    void checkUnchanged(StateCheck before, String where) {
        if (before.height() != stack.size() || before.version() != stack.version() || !before.free().sameAs(free)) {
            throw new CodegenException(where + " changed the compile-time state of the path that does not branch: "
                    + "height " + before.height() + ", free " + before.free() + " became " + stack + ", free " + free);
        }
    }

    /** The compile-time state in three numbers; see {@link #captureState}. */
    record StateCheck(int height, long version, RegSet free) {
    }

    /**
     * Makes {@code state} the current stack: entries above its base are dropped, the registers it
     * lists go back to their positions, its carried entries are pushed; the registers now held
     * are taken, all others free.
     */
    void resetTo(MergeState state) {
        stack.truncate(state.base());
        for (int i = 0; i < state.positions().length; i++) {
            int position = state.positions()[i];
            Reg reg = state.registers()[i];
            int holder = stack.holderOf(reg);
            if (holder >= 0 && holder != position) {
                stack.restore(holder, new Val.Spilled(stack.get(holder).type())); // vacated; reassigned below
            }
        }
        for (int i = 0; i < state.positions().length; i++) {
            int position = state.positions()[i];
            stack.restore(position, new Val.InReg(stack.get(position).type(), state.registers()[i]));
        }
        for (Val val : state.carried()) {
            stack.push(val);
        }
        RegSet nowFree = allocatable.copy();
        for (int id = 0; id < ValueStack.registerIds(); id++) {
            if (stack.holderOf(ValueStack.reg(id)) >= 0) {
                nowFree.remove(ValueStack.reg(id));
            }
        }
        free.setTo(nowFree);
    }

    /** Makes entries below {@code base} (the innermost frame's) changeable only between registers and their slots. */
    void freezeBelow(int base) {
        stack.freezeBelow(base);
    }

    /**
     * Turns every lazy local read on the stack into a register or a spilled value (at control
     * flow). Only the entries pushed since the last time are looked at, so this costs, over a
     * whole function, no more than the pushes.
     */
    void materializeAllLocals() {
        for (int i = stack.localReadsFrom(); i < stack.size(); i++) {
            if (stack.get(i) instanceof Val.Local l) {
                materializeEntry(i, l);
            }
        }
        stack.noLocalReadsBelowTop();
    }

    FrameLayout frame() {
        return frame;
    }

    ValueStack stack() {
        return stack;
    }

    /** {@return how values move to registers and slots} */
    ValMoves moves() {
        return moves;
    }

    /** {@return the number of values on the stack} */
    public int height() {
        return stack.size();
    }

    // ---- pushing and popping ----------------------------------------------------------------

    public void pushReg(ValType type, Reg reg) {
        stack.push(new Val.InReg(type, reg));
    }

    void push(Val val) {
        stack.push(val);
    }

    /** {@return the top entry, without materializing it} */
    public Val peek() {
        return stack.peek(0);
    }

    /** {@return whether the top value is a constant} */
    public boolean topIsConstant() {
        return stack.peek(0) instanceof Val.Const;
    }

    /** Pops the top value, which must be a constant, and {@return its bits} */
    public long popConstant() {
        return ((Val.Const) stack.pop()).bits();
    }

    /** Pops the top entry; the caller owns its register, if it has one. */
    Val pop() {
        return stack.pop();
    }

    /** Pops the top value into a register of {@code bank}, which the caller then owns. */
    public Reg popToReg(Reg.Bank bank) {
        Val top = stack.peek(0);
        if (top instanceof Val.InReg r && r.reg().bank() == bank) {
            stack.pop();
            return r.reg();
        }
        Reg reg = allocate(bank);
        moves.toReg(reg, stack.pop(), stack.size());
        return reg;
    }

    /** Pops the top value into {@code reg} (claimed first if another entry holds it). */
    public Reg popToReg(Reg reg) {
        Val top = stack.peek(0);
        if (top instanceof Val.InReg r && r.reg().equals(reg)) {
            stack.pop();
            return reg;
        }
        claim(reg);
        Val val = stack.pop();
        moves.toReg(reg, val, stack.size());
        if (val instanceof Val.InReg r) {
            free.add(r.reg());
        }
        return reg;
    }

    /**
     * Pops the top value into {@code owned}, a register the caller took already (e.g. with
     * {@link #claim}); a register the value was in is released.
     */
    public void popInto(Reg owned) {
        Val val = stack.pop();
        moves.toReg(owned, val, stack.size());
        if (val instanceof Val.InReg r && !r.reg().equals(owned)) {
            free.add(r.reg());
        }
    }

    /** Drops the top value, releasing its register. */
    public void drop() {
        if (stack.pop() instanceof Val.InReg r) {
            free.add(r.reg());
        }
    }

    // ---- registers --------------------------------------------------------------------------

    /** {@return a free register of {@code bank}}, spilling a stack entry if there is none */
    public Reg allocate(Reg.Bank bank) {
        Reg reg = free.first(bank);
        if (reg == null) {
            spillBottomMost(bank);
            reg = free.first(bank);
        }
        free.remove(reg);
        return reg;
    }

    /**
     * Takes {@code reg} for the caller: if a stack entry holds it, that value moves to another
     * free register, or to its frame slot if none is free.
     *
     * @throws CodegenException if the lowering code itself already owns {@code reg}
     */
    public void claim(Reg reg) {
        if (free.contains(reg)) {
            free.remove(reg);
            return;
        }
        int holder = holderOf(reg);
        if (holder < 0) {
            throw new CodegenException("register " + reg + " is already taken by the current operation");
        }
        Val val = stack.get(holder);
        Reg other = free.first(reg.bank());
        if (other != null) {
            free.remove(other);
            masm.move(other, reg, OperandSize.of(val.type()));
            stack.set(holder, new Val.InReg(val.type(), other));
        } else {
            masm.storeFrame(frame.spillSlot(holder), reg, OperandSize.of(val.type()));
            stack.set(holder, new Val.Spilled(val.type()));
        }
    }

    /** Gives back a register the caller owned. */
    public void free(Reg reg) {
        free.add(reg);
    }

    private int holderOf(Reg reg) {
        return stack.holderOf(reg);
    }

    /** Spills the bottom-most entry holding a register of {@code bank}: the value needed last. */
    private void spillBottomMost(Reg.Bank bank) {
        int bottom = Integer.MAX_VALUE;
        for (int n = 0; n < 16; n++) {
            int position = stack.holderOf(bank == Reg.Bank.INT ? Reg.intReg(n) : Reg.floatReg(n));
            if (position >= 0) {
                bottom = Math.min(bottom, position);
            }
        }
        if (bottom == Integer.MAX_VALUE) {
            throw new CodegenException("no " + bank + " register is free and none can be spilled");
        }
        spill(bottom);
    }

    /** {@return the register bank values of {@code type} live in} */
    public static Reg.Bank bankOf(ValType type) {
        return switch (type) {
            case F32, F64, V128 -> Reg.Bank.FLOAT;
            default -> Reg.Bank.INT;
        };
    }

    // ---- spilling ---------------------------------------------------------------------------

    /**
     * Moves the value at stack position {@code index} to its frame slot. A lazy local read or a
     * constant too wide for a store's immediate goes through a register of the allocator (which
     * may spill another entry first), as spills always have; the other moves are
     * {@link ValMoves#toSlot}'s.
     */
    void spill(int index) {
        Val val = stack.get(index);
        if (val instanceof Val.Spilled) {
            return;
        }
        int slot = frame.spillSlot(index);
        if (val instanceof Val.Local || val instanceof Val.Const c && !fitsStoreImmediate(c)) {
            Reg scratch = allocate(val instanceof Val.Const ? Reg.Bank.INT : bankOf(val.type()));
            moves.toReg(scratch, val, index);
            masm.storeFrame(slot, scratch, OperandSize.of(val.type()));
            free.add(scratch);
        } else {
            moves.toSlot(ValMoves.Slot.frame(slot), val, index);
            if (val instanceof Val.InReg r) {
                free.add(r.reg());
            }
        }
        stack.set(index, new Val.Spilled(val.type()));
    }

    private static boolean fitsStoreImmediate(Val.Const c) {
        return OperandSize.of(c.type()) == OperandSize.S32 || c.bits() == (int) c.bits();
    }

    /** Spills every entry at or above position {@code from} (all of them: 0), e.g. before a call. */
    void spillFrom(int from) {
        spillFrom(from, stack.size());
    }

    /** Spills the register-held entries below position {@code to} (before a call, which clobbers registers). */
    void spillRegisters(int to) {
        for (int id = 0; id < ValueStack.registerIds(); id++) {
            int position = stack.holderOf(ValueStack.reg(id));
            if (position >= 0 && position < to) {
                spill(position);
            }
        }
    }

    /** Spills the entries in positions [from, to). */
    void spillFrom(int from, int to) {
        for (int i = from; i < to; i++) {
            spill(i);
        }
    }

    /**
     * Before {@code local.set/tee index}: every lazy read of that local still on the stack must
     * see the old value. If there is one, every lazy read pushed since the last materialization is
     * loaded into a register (or its slot) now, all at once, which keeps the cost linear.
     */
    void materializeLocal(int index) {
        if (stack.hasReadsOf(index)) {
            materializeAllLocals();
        }
    }

    /** Loads the lazy read at {@code position} into a free register, or its slot if none is free. */
    private void materializeEntry(int position, Val.Local l) {
        Reg reg = free.first(bankOf(l.type()));
        if (reg != null) {
            free.remove(reg);
            moves.toReg(reg, l, position);
            stack.set(position, new Val.InReg(l.type(), reg));
        } else {
            spill(position);
        }
    }
}
