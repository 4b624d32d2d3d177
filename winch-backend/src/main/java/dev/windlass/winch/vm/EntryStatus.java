package dev.windlass.winch.vm;

/** What an entry trampoline returns to the runtime that called it. */
public final class EntryStatus {

    /** The function returned; its results are in the argument area. */
    public static final int OK = 0;
    /** The code trapped; the runtime block says where and why. */
    public static final int TRAPPED = 1;
    /**
     * Nothing ran: the trampoline's stack pointer lies outside the stack the runtime block's
     * floor and ceiling describe (a virtual thread resumed on another carrier after the runtime
     * took them). The runtime takes them again on the current thread and calls again.
     */
    public static final int WRONG_STACK = 2;

    private EntryStatus() {
    }
}
