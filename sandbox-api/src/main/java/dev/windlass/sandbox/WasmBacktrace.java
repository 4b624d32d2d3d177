package dev.windlass.sandbox;

import java.util.List;

/**
 * The Wasm call stack at a trap, innermost frame first, from the trap up to where Java called
 * into Wasm (the innermost entry: frames of an outer call, below a host function that called
 * back into Wasm, belong to that outer call's trap). A runaway recursion keeps its innermost
 * {@value #CAPACITY} frames and counts the rest in {@link #omittedFrames()}: building a Java
 * stack trace of 50,000 frames at every stack overflow would cost more than the trap.
 *
 * @param frames        the frames, innermost first
 * @param omittedFrames frames beyond the capacity, the outermost, not kept
 */
public record WasmBacktrace(List<WasmFrame> frames, int omittedFrames) {

    /** Frames kept at most: as many as HotSpot keeps of a Java stack by default. */
    public static final int CAPACITY = dev.windlass.winch.vm.RuntimeOffsets.BACKTRACE_CAPACITY;

    /** The backtrace of a trap raised outside Wasm code (instantiation). */
    static final WasmBacktrace EMPTY = new WasmBacktrace(List.of(), 0);

    public WasmBacktrace {
        frames = List.copyOf(frames);
        if (omittedFrames < 0) {
            throw new IllegalArgumentException("omittedFrames must not be negative: " + omittedFrames);
        }
    }

    /** {@return the frames as Java stack trace elements}, innermost first */
    StackTraceElement[] toStackTraceElements() {
        StackTraceElement[] elements = new StackTraceElement[frames.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = frames.get(i).toStackTraceElement();
        }
        return elements;
    }

    /**
     * {@return the backtrace as Wasmtime prints it}:
     * <pre>
     * wasm backtrace:
     *     0: 0x1a2f - plugin!fib
     *     1: 0x1a40 - plugin!main
     * </pre>
     */
    @Override
    public String toString() {
        return toString(Integer.MAX_VALUE);
    }

    /** {@return the backtrace as {@link #toString()} prints it, but at most {@code limit} frames} */
    String toString(int limit) {
        StringBuilder text = new StringBuilder("wasm backtrace:");
        int shown = Math.min(limit, frames.size());
        for (int i = 0; i < shown; i++) {
            text.append(String.format("%n  %3d: ", i)).append(frames.get(i));
        }
        long more = (long) frames.size() - shown + omittedFrames;
        if (more > 0) {
            text.append(String.format("%n  ... %d more frames", more));
        }
        return text.toString();
    }
}
