package dev.windlass.nativemem;

/**
 * The native stack of a thread, {@code [low, high)}: it grows down from {@code high}.
 *
 * @param low  the lowest address (the end a deep recursion runs into)
 * @param high one past the highest address
 */
public record ThreadStack(long low, long high) {

    /** {@return the stack of the calling thread, as the C library reports it} */
    public static ThreadStack current() {
        long[] bounds = LibC.currentThreadStack();
        return new ThreadStack(bounds[0], bounds[1]);
    }

    /** {@return the size in bytes} */
    public long size() {
        return high - low;
    }

    /** {@return whether {@code address} lies within the stack} */
    public boolean contains(long address) {
        return address >= low && address < high;
    }
}
