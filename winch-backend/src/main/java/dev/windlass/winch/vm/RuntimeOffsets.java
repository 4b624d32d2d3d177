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
 *   56         8  backtrace depth: how many frames the trap handler walked (may exceed the capacity)
 *   64     8*1024  backtrace: the return addresses of those frames, innermost first, the first
 *                  {@link #BACKTRACE_CAPACITY} of them
 *   8256       8  stack floor: the thread's real stack limit (the stack limit field above is also
 *                  the interrupt flag, so it cannot tell the outermost entry where the stack is)
 *   8264       8  stack ceiling: the top of the stack the floor was computed for
 * </pre>
 * The outermost entry trampoline checks that its own stack pointer lies between floor and
 * ceiling before it runs anything: a virtual thread that moved to another carrier after the
 * runtime took the limit returns {@link EntryStatus#WRONG_STACK}, and the runtime takes the
 * limit again and retries, instead of running Wasm against another stack's limit.
 * The backtrace is written by the trap handler before it unwinds, because the Wasm frames are
 * dead (and soon overwritten by Java frames) once the entry trampoline has returned.
 */
public final class RuntimeOffsets {

    public static final int STACK_LIMIT = 0;
    public static final int SAVED_ENTRY_RSP = 8;
    public static final int TRAP_CODE = 16;
    public static final int TRAP_PC = 24;
    public static final int FUEL = 32;
    public static final int EPOCH_DEADLINE = 40;
    public static final int EPOCH_COUNTER_ADDRESS = 48;
    public static final int BACKTRACE_DEPTH = 56;
    public static final int BACKTRACE = 64;
    /**
     * Return addresses the backtrace keeps: as many frames as HotSpot keeps of a Java stack
     * ({@code -XX:MaxJavaStackTraceDepth}'s default), so a runaway recursion costs 8 KiB, not
     * one slot per frame.
     */
    public static final int BACKTRACE_CAPACITY = 1024;
    public static final int STACK_FLOOR = BACKTRACE + 8 * BACKTRACE_CAPACITY;
    public static final int STACK_CEILING = STACK_FLOOR + 8;
    /** Bytes of the block, a multiple of 16. */
    public static final int SIZE = STACK_CEILING + 8;

    private RuntimeOffsets() {
    }
}
