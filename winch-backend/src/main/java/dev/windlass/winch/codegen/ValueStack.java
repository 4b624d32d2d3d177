package dev.windlass.winch.codegen;

import java.util.Arrays;

/**
 * The code generator's value stack: one {@link Val} per Wasm operand, bottom first, with the
 * indexes that keep every question the generator asks of it independent of the stack's height
 * (so that compiling a function takes time linear in its size):
 * <ul>
 *   <li>which position holds each register ({@link #holderOf}): a register is owned by at most
 *       one {@link Val.InReg} entry;</li>
 *   <li>how many lazy reads of each local are on the stack ({@link #hasReadsOf}), and a position
 *       below which there are none ({@link #localReadsFrom});</li>
 *   <li>a version that every change bumps ({@link #version}), so "nothing changed" is one
 *       comparison;</li>
 *   <li>a floor ({@link #freezeBelow}): below the innermost control frame's base only a register
 *       entry may change (to another register or to its slot), the rule that lets a frame's
 *       label state record just the registers ({@link MergeState}); any other change there is a
 *       {@link CodegenException}, never a silent miscompilation.</li>
 * </ul>
 */
final class ValueStack {

    private static final int REGISTERS = 32; // two banks of 16

    private Val[] entries = new Val[32];
    private int size;
    private final int[] holders = new int[REGISTERS];
    private int[] localReads = new int[8];
    private int localReadsFrom;
    private long version;
    private int frozenBelow;

    ValueStack() {
        Arrays.fill(holders, -1);
    }

    int size() {
        return size;
    }

    void push(Val val) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size] = val;
        track(val, size);
        size++;
        version++;
    }

    Val pop() {
        if (size <= frozenBelow) {
            throw new CodegenException("pop below the frame's base " + frozenBelow);
        }
        Val top = entries[--size];
        entries[size] = null;
        untrack(top);
        localReadsFrom = Math.min(localReadsFrom, size);
        version++;
        return top;
    }

    /** {@return the entry {@code depth} below the top (0 = the top)} */
    Val peek(int depth) {
        return entries[size - 1 - depth];
    }

    /** {@return the entry at position {@code index} from the bottom} */
    Val get(int index) {
        return entries[index];
    }

    /**
     * Replaces the entry at {@code index}.
     *
     * @throws CodegenException below the {@linkplain #freezeBelow floor}, unless a register entry
     *                          moves to another register or to its slot
     */
    void set(int index, Val val) {
        Val old = entries[index];
        if (index < frozenBelow && !(old instanceof Val.InReg && (val instanceof Val.InReg || val instanceof Val.Spilled))) {
            throw new CodegenException("entry " + index + " below the frame's base " + frozenBelow + " cannot change from "
                    + old + " to " + val);
        }
        untrack(old);
        entries[index] = val;
        track(val, index);
        version++;
    }

    /**
     * Makes the entry at {@code index} {@code val} at a label, whatever the floor: the moves into
     * the label's state ({@link StateTransfer}) put it there on every path.
     */
    void restore(int index, Val val) {
        untrack(entries[index]);
        entries[index] = val;
        track(val, index);
        version++;
    }

    /** Drops entries down to {@code newSize} (their registers must have been released). */
    void truncate(int newSize) {
        while (size > newSize) {
            pop();
        }
    }

    /** {@return the position of the entry that holds {@code reg}, or -1 if none does} */
    int holderOf(Reg reg) {
        return holders[id(reg)];
    }

    /** {@return whether a lazy read of local {@code index} is on the stack} */
    boolean hasReadsOf(int index) {
        return index < localReads.length && localReads[index] > 0;
    }

    /** {@return a position below which no entry is a lazy local read} */
    int localReadsFrom() {
        return localReadsFrom;
    }

    /** Notes that no entry below the top is a lazy local read (the caller made sure). */
    void noLocalReadsBelowTop() {
        localReadsFrom = size;
    }

    /** {@return a number that changes whenever an entry is pushed, popped or replaced} */
    long version() {
        return version;
    }

    /** Sets the floor: entries below {@code base} may only move between registers and their slots. */
    void freezeBelow(int base) {
        frozenBelow = base;
    }

    private void track(Val val, int position) {
        switch (val) {
            case Val.InReg r -> {
                if (holders[id(r.reg())] >= 0) {
                    throw new CodegenException("register " + r.reg() + " is held at positions " + holders[id(r.reg())]
                            + " and " + position);
                }
                holders[id(r.reg())] = position;
            }
            case Val.Local l -> {
                if (l.index() >= localReads.length) {
                    localReads = Arrays.copyOf(localReads, Math.max(l.index() + 1, 2 * localReads.length));
                }
                localReads[l.index()]++;
            }
            default -> { }
        }
    }

    private void untrack(Val val) {
        switch (val) {
            case Val.InReg r -> holders[id(r.reg())] = -1;
            case Val.Local l -> localReads[l.index()]--;
            default -> { }
        }
    }

    private static int id(Reg reg) {
        return (reg.bank() == Reg.Bank.INT ? 0 : 16) + reg.number();
    }

    /** {@return the register with id {@code id}} (see {@link #id}) */
    static Reg reg(int id) {
        return id < 16 ? Reg.intReg(id) : Reg.floatReg(id - 16);
    }

    /** {@return the number of register ids} */
    static int registerIds() {
        return REGISTERS;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(entries, size));
    }
}
