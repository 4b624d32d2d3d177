package dev.windlass.winch.codegen;

/**
 * The state of the value stack at a control frame's label, recorded in space independent of
 * the stack's height: below the frame's {@link #base()}, the entries keep what they were when
 * the frame was entered, and the only ones that may have changed since are those that held a
 * register ({@link ValueStack#freezeBelow}), so the state lists just those, with their
 * registers; above the base, the values the label carries ({@link #carried()}: the spilled
 * results of a block, the params of a loop or, for an if's else, the params as they were).
 *
 * @param base       the frame's base
 * @param positions  the positions below the base that held a register on entry, ascending
 * @param registers  the register each of them held
 * @param carried    the entries from the base up
 */
record MergeState(int base, int[] positions, Reg[] registers, Val[] carried) {

    /** {@return the register position {@code position} must hold at the label, or null for none} */
    Reg registerAt(int position) {
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == position) {
                return registers[i];
            }
        }
        return null;
    }
}
