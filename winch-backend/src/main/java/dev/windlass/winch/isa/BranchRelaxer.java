package dev.windlass.winch.isa;

import java.util.Arrays;

/**
 * Chooses the short or long form of every relaxable branch and lays the function out again.
 *
 * <p>The buffer records, in emission order, the two kinds of <em>layout events</em> whose size
 * can change after emission: relaxable branches and alignment gaps. Everything between two
 * events is copied unchanged, so one cumulative delta per event maps any emission offset to its
 * final offset.
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   every branch short ──▶ lay out (gaps recomputed) ──▶ any short branch out of rel8 range?
 *          ▲                                                  │ yes: make those long, for good
 *          └──────────────────────────────────────────────────┘ no: done
 * </pre>
 * A branch only ever changes from short to long, so the loop ends after at most one pass per
 * branch; after {@value #MAX_PASSES} passes it gives up and makes every branch long, which is
 * always correct (rel32 reaches the whole function). Widening is needed even though branches only
 * get shorter from the emission layout: an alignment gap can grow when the code before it shrinks
 * (at most {@code alignment - 1} bytes), pushing a target that was in range out of it.
 */
final class BranchRelaxer {

    /** The short form of every relaxable branch: one opcode byte and a rel8. */
    static final int SHORT_LENGTH = 2;

    private static final int ALIGNMENT_EVENT = -1;
    private static final int MAX_PASSES = 32;

    private int count;
    private int[] starts = new int[64];
    private int[] oldLengths = new int[64];
    /** A branch's target label id, or an alignment event's alignment. */
    private int[] arguments = new int[64];
    /** {@code shortOpcode | longOpcode << 8 | longOpcodeLength << 24}, or {@link #ALIGNMENT_EVENT}. */
    private int[] encodings = new int[64];
    private boolean[] isLong = new boolean[64];
    private int[] newLengths = new int[64];
    /** The final minus the emission offset of the code right after each event. */
    private int[] deltaAfter = new int[64];

    int count() {
        return count;
    }

    void clear() {
        count = 0;
    }

    void addBranch(int start, int oldLength, int targetLabel, int shortOpcode, int longOpcode, int longOpcodeLength) {
        add(start, oldLength, targetLabel, shortOpcode | longOpcode << 8 | longOpcodeLength << 24);
    }

    void addAlignment(int start, int padding, int alignment) {
        add(start, padding, alignment, ALIGNMENT_EVENT);
    }

    /** {@return whether event {@code index} is a branch}, for checks before relaxation */
    boolean isBranch(int index) {
        return encodings[index] != ALIGNMENT_EVENT;
    }

    int branchTarget(int index) {
        return arguments[index];
    }

    /**
     * Chooses every branch's form and computes the final layout.
     *
     * @param labelOffsets the emission offset of each label
     * @param labelEventsBefore for each label, how many events were recorded before it was bound
     */
    void relax(int[] labelOffsets, int[] labelEventsBefore) {
        Arrays.fill(isLong, 0, count, false);
        for (int pass = 1; ; pass++) {
            layOut();
            if (!widenBranchesOutOfRange(labelOffsets, labelEventsBefore)) {
                return;
            }
            if (pass == MAX_PASSES) {
                Arrays.fill(isLong, 0, count, true);
                layOut();
                return;
            }
        }
    }

    /** {@return the size change of the whole function}, after {@link #relax} */
    int totalDelta() {
        return count == 0 ? 0 : deltaAfter[count - 1];
    }

    /** {@return the final offset of a label bound at {@code offset} after {@code eventsBefore} events} */
    int mapLabel(int offset, int eventsBefore) {
        return offset + deltaBefore(eventsBefore);
    }

    /** {@return a copy of the offset mapping}, after {@link #relax} */
    OffsetMap offsetMap() {
        int[] ends = new int[count];
        for (int i = 0; i < count; i++) {
            ends[i] = starts[i] + oldLengths[i];
        }
        return new OffsetMap(ends, Arrays.copyOf(deltaAfter, count));
    }

    /**
     * Copies {@code source[0, sourceSize)} to {@code target} in the final layout: branches encoded
     * in their chosen form against {@code finalLabelOffsets}, alignment gaps refilled.
     */
    void write(byte[] source, int sourceSize, byte[] target, int[] finalLabelOffsets, PaddingFiller filler) {
        int from = 0;
        int to = 0;
        for (int i = 0; i < count; i++) {
            int unchanged = starts[i] - from;
            System.arraycopy(source, from, target, to, unchanged);
            to += unchanged;
            if (encodings[i] == ALIGNMENT_EVENT) {
                filler.fill(target, to, newLengths[i]);
            } else {
                writeBranch(target, to, i, finalLabelOffsets[arguments[i]]);
            }
            to += newLengths[i];
            from = starts[i] + oldLengths[i];
        }
        System.arraycopy(source, from, target, to, sourceSize - from);
    }

    private void writeBranch(byte[] code, int at, int index, int targetOffset) {
        int encoding = encodings[index];
        if (!isLong[index]) {
            code[at] = (byte) encoding;
            code[at + 1] = (byte) (targetOffset - (at + SHORT_LENGTH));
            return;
        }
        int opcodeLength = encoding >>> 24;
        int longOpcode = (encoding >>> 8) & 0xFFFF;
        if (opcodeLength == 2) {
            code[at] = (byte) (longOpcode >>> 8);
        }
        code[at + opcodeLength - 1] = (byte) longOpcode;
        int end = at + opcodeLength + 4;
        Bytes.putInt(code, at + opcodeLength, targetOffset - end);
    }

    private void layOut() {
        int delta = 0;
        for (int i = 0; i < count; i++) {
            int length;
            if (encodings[i] == ALIGNMENT_EVENT) {
                length = -(starts[i] + delta) & (arguments[i] - 1);
            } else {
                length = isLong[i] ? (encodings[i] >>> 24) + 4 : SHORT_LENGTH;
            }
            newLengths[i] = length;
            delta += length - oldLengths[i];
            deltaAfter[i] = delta;
        }
    }

    private boolean widenBranchesOutOfRange(int[] labelOffsets, int[] labelEventsBefore) {
        boolean widened = false;
        for (int i = 0; i < count; i++) {
            if (encodings[i] == ALIGNMENT_EVENT || isLong[i]) {
                continue;
            }
            int label = arguments[i];
            int target = labelOffsets[label] + deltaBefore(labelEventsBefore[label]);
            int displacement = target - (starts[i] + deltaBefore(i) + SHORT_LENGTH);
            if (displacement != (byte) displacement) {
                isLong[i] = true;
                widened = true;
            }
        }
        return widened;
    }

    private int deltaBefore(int events) {
        return events == 0 ? 0 : deltaAfter[events - 1];
    }

    private void add(int start, int oldLength, int argument, int encoding) {
        if (count == starts.length) {
            int newLength = count * 2;
            starts = Arrays.copyOf(starts, newLength);
            oldLengths = Arrays.copyOf(oldLengths, newLength);
            arguments = Arrays.copyOf(arguments, newLength);
            encodings = Arrays.copyOf(encodings, newLength);
            isLong = Arrays.copyOf(isLong, newLength);
            newLengths = Arrays.copyOf(newLengths, newLength);
            deltaAfter = Arrays.copyOf(deltaAfter, newLength);
        }
        starts[count] = start;
        oldLengths[count] = oldLength;
        arguments[count] = argument;
        encodings[count] = encoding;
        count++;
    }
}
