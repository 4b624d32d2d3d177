package dev.windlass.winch.isa;

/**
 * Maps emission offsets to final offsets after branch relaxation: an offset moves by the
 * cumulative size change of every layout event that ends at or before it. So an offset where an
 * alignment gap was recorded maps to after the (final) gap, and an offset inside a branch or a
 * gap is not meaningful.
 */
final class OffsetMap {

    private final int[] eventEnds;
    private final int[] deltaAfter;

    OffsetMap(int[] eventEnds, int[] deltaAfter) {
        this.eventEnds = eventEnds;
        this.deltaAfter = deltaAfter;
    }

    int map(int emissionOffset) {
        // The last event whose end is at or before the offset; ends never decrease.
        int low = 0;
        int high = eventEnds.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (eventEnds[middle] <= emissionOffset) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found < 0 ? emissionOffset : emissionOffset + deltaAfter[found];
    }
}
