package dev.windlass.winch.vm;

/**
 * The layout of a host function's context: what an imported function's "callee context" slot
 * points at when the import is implemented in Java. The module's host adapter reads it.
 *
 * <pre>
 *   offset  size  field
 *   0          8  address of the store's runtime block (first, as in every callee context)
 *   8          8  address of the upcall stub: int upcall(long hostFunctionId, uint64_t *slots)
 *   16         8  the host function's id, passed to the upcall
 *   24         8  (reserved)
 * </pre>
 */
public final class HostContextOffsets {

    public static final int RUNTIME_ADDRESS = 0;
    public static final int UPCALL_ADDRESS = 8;
    public static final int FUNCTION_ID = 16;
    /** Bytes of the block, a multiple of 16. */
    public static final int SIZE = 32;

    private HostContextOffsets() {
    }
}
