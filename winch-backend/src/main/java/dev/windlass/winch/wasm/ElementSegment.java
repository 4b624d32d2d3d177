package dev.windlass.winch.wasm;

import java.util.Arrays;
import java.util.List;

/**
 * One element segment: a vector of references given either as function indices (the compact
 * encoding) or as constant expressions.
 */
public final class ElementSegment {

    private final SegmentMode mode;
    private final int tableIndex;
    private final ConstExpr offsetExpr;
    private final ValType type;
    private final int[] functionIndices;
    private final List<ConstExpr> expressions;
    private final int offset;

    ElementSegment(SegmentMode mode, int tableIndex, ConstExpr offsetExpr, ValType type,
                   int[] functionIndices, List<ConstExpr> expressions, int offset) {
        this.mode = mode;
        this.tableIndex = tableIndex;
        this.offsetExpr = offsetExpr;
        this.type = type;
        this.functionIndices = functionIndices;
        this.expressions = expressions == null ? null : List.copyOf(expressions);
        this.offset = offset;
    }

    /** {@return active, passive or declarative} */
    public SegmentMode mode() {
        return mode;
    }

    /** {@return the table an active segment initialises (0 otherwise)} */
    public int tableIndex() {
        return tableIndex;
    }

    /** {@return the start index in the table of an active segment, or {@code null}} */
    public ConstExpr offsetExpr() {
        return offsetExpr;
    }

    /** {@return the reference type of the elements} */
    public ValType type() {
        return type;
    }

    /** {@return the number of elements} */
    public int size() {
        return functionIndices != null ? functionIndices.length : expressions.size();
    }

    /** {@return whether the elements are given as function indices rather than expressions} */
    public boolean hasFunctionIndices() {
        return functionIndices != null;
    }

    /** {@return element {@code i} as a function index; only if {@link #hasFunctionIndices()}} */
    public int functionIndex(int i) {
        return functionIndices[i];
    }

    /** {@return element {@code i} as a constant expression; only if not {@link #hasFunctionIndices()}} */
    public ConstExpr expression(int i) {
        return expressions.get(i);
    }

    /** {@return the byte offset of the segment in the module, for error messages} */
    public int offset() {
        return offset;
    }

    @Override
    public String toString() {
        return "elem " + mode.name().toLowerCase(java.util.Locale.ROOT) + " " + type + " x" + size()
                + (functionIndices != null && functionIndices.length <= 8 ? " " + Arrays.toString(functionIndices) : "");
    }
}
