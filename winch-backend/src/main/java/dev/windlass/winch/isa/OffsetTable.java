package dev.windlass.winch.isa;

import java.util.Arrays;

/**
 * An immutable table of {@code code offset -> value} entries, sorted by code offset (entries are
 * recorded as code is emitted, so offsets never decrease). {@link AssembledCode} has three: trap
 * sites (value: the trap code), call sites (value: the callee) and the source map (value: the
 * Wasm bytecode offset).
 */
public final class OffsetTable {

    private final int[] codeOffsets;
    private final int[] values;

    OffsetTable(int[] codeOffsets, int[] values) {
        this.codeOffsets = codeOffsets;
        this.values = values;
    }

    /** {@return the number of entries} */
    public int size() {
        return codeOffsets.length;
    }

    /** {@return the code offset of entry {@code index}}, which must be within [0, size()) */
    public int codeOffset(int index) {
        return codeOffsets[index];
    }

    /** {@return the value of entry {@code index}}, which must be within [0, size()) */
    public int value(int index) {
        return values[index];
    }

    /**
     * {@return the index of the last entry whose code offset is at most {@code codeOffset}, or -1
     * if there is none}: for the source map, the entry that covers an instruction address.
     */
    public int floorIndex(int codeOffset) {
        int found = Arrays.binarySearch(codeOffsets, codeOffset);
        if (found >= 0) {
            while (found + 1 < codeOffsets.length && codeOffsets[found + 1] == codeOffset) {
                found++;
            }
            return found;
        }
        return -found - 2;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < codeOffsets.length; i++) {
            text.append(i == 0 ? "" : ", ").append(codeOffsets[i]).append("->").append(values[i]);
        }
        return text.append('}').toString();
    }
}
