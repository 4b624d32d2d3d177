package dev.windlass.winch.vm;

/**
 * The layout of a function reference: what {@code ref.func} produces, tables hold, and
 * {@code call_indirect} calls through (a null reference is address 0).
 *
 * <pre>
 *   offset  size  field
 *   0          8  code address (the internal calling convention)
 *   8          8  the callee's context (its VMContext, or a host function's context)
 *   16         4  canonical type id: equal ids, structurally equal function types, in one engine
 *   20        12  (reserved)
 * </pre>
 */
public final class FuncRefOffsets {

    public static final int CODE_ADDRESS = 0;
    public static final int CONTEXT = 8;
    public static final int TYPE_ID = 16;
    /** Bytes of a reference record, a multiple of 16. */
    public static final int SIZE = 32;

    private FuncRefOffsets() {
    }
}
