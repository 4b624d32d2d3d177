package dev.windlass.winch.vm;

/**
 * The layout of a store's runtime block: the state every instance of a store shares, reached
 * from any callee context through its first word ({@link VmOffsets#runtimeAddress()}). Keeping it
 * per store, not per instance, makes calls between instances of one store and re-entry
 * (Wasm to host to Wasm) see one stack limit, one unwind point and one fuel counter.
 *
 * <pre>
 *   offset  size  field
 *   0          8  stack limit: the lowest rsp Wasm code may reach (set by the entry trampoline's caller)
 *   8          8  saved entry rsp: where the trap stub unwinds to (the innermost entry trampoline's)
 *   16         4  trap code ({@link TrapCode#code()}, 0 = none)
 *   20         4  (reserved)
 *   24         8  trap pc: the address of the instruction that trapped
 *   32         8  fuel: remaining units (when metering is on)
 *   40         8  epoch deadline
 *   48         8  address of the engine's epoch counter
 *   56         8  (reserved)
 * </pre>
 */
public final class RuntimeOffsets {

    public static final int STACK_LIMIT = 0;
    public static final int SAVED_ENTRY_RSP = 8;
    public static final int TRAP_CODE = 16;
    public static final int TRAP_PC = 24;
    public static final int FUEL = 32;
    public static final int EPOCH_DEADLINE = 40;
    public static final int EPOCH_COUNTER_ADDRESS = 48;
    /** Bytes of the block, a multiple of 16. */
    public static final int SIZE = 64;

    private RuntimeOffsets() {
    }
}
