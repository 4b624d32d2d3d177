package dev.windlass.sandbox;

import java.util.List;

/**
 * The Wasm call stack at a trap, innermost frame first, from the trap up to where Java called
 * into Wasm (the innermost entry: frames of an outer call, below a host function that called
 * back into Wasm, belong to that outer call's trap). A runaway recursion keeps its innermost
 * {@value #CAPACITY} frames and counts the rest in {@link #omittedFrames()}: building a Java
 * stack trace of 50,000 frames at every stack overflow would cost more than the trap.
 *
 * <p>What a trap shows is shorter still: its message ({@link #toString()}) and its Java stack
 * trace list the innermost {@value #SHOWN_INNERMOST} and the outermost {@value #SHOWN_OUTERMOST}
 * of the kept frames and say how many were left out between them (and how many beyond the
 * capacity were not recorded); {@link #frames()} has all the kept ones.
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

    /** Innermost frames a trap's message and stack trace show. */
    public static final int SHOWN_INNERMOST = 32;
    /** Outermost kept frames a trap's message and stack trace show. */
    public static final int SHOWN_OUTERMOST = 32;

    /** {@return how many kept frames a trap shows before the cut}, all of them when they fit */
    private int innermostShown() {
        return frames.size() <= SHOWN_INNERMOST + SHOWN_OUTERMOST ? frames.size() : SHOWN_INNERMOST;
    }

    /**
     * {@return the frames a trap shows as Java stack trace elements}, innermost first: the
     * innermost and outermost kept ones, with a {@code wasm....(N Wasm frames left out)} element
     * between them, and one after them for frames not recorded
     */
    StackTraceElement[] toStackTraceElements() {
        int head = innermostShown();
        int tail = frames.size() - head;
        int leftOut = Math.max(0, tail - SHOWN_OUTERMOST);
        tail -= leftOut;
        StackTraceElement[] elements = new StackTraceElement[head + tail + (leftOut > 0 ? 1 : 0)
                + (omittedFrames > 0 ? 1 : 0)];
        int next = 0;
        for (int i = 0; i < head; i++) {
            elements[next++] = frames.get(i).toStackTraceElement();
        }
        if (leftOut > 0) {
            elements[next++] = new StackTraceElement("wasm", "...", leftOut + " Wasm frames left out", -1);
        }
        for (int i = frames.size() - tail; i < frames.size(); i++) {
            elements[next++] = frames.get(i).toStackTraceElement();
        }
        if (omittedFrames > 0) {
            elements[next] = new StackTraceElement("wasm", "...", omittedFrames + " more Wasm frames not recorded", -1);
        }
        return elements;
    }

    /**
     * {@return the backtrace as Wasmtime prints it}, but at most the innermost
     * {@value #SHOWN_INNERMOST} and outermost {@value #SHOWN_OUTERMOST} kept frames:
     * <pre>
     * wasm backtrace:
     *     0: 0x1a2f - plugin!fib
     *     1: 0x1a40 - plugin!main
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("wasm backtrace:");
        int head = innermostShown();
        int tail = frames.size() - head;
        int leftOut = Math.max(0, tail - SHOWN_OUTERMOST);
        for (int i = 0; i < head; i++) {
            appendFrame(text, i);
        }
        if (leftOut > 0) {
            text.append(String.format("%n  ... %d frames left out", leftOut));
        }
        for (int i = head + leftOut; i < frames.size(); i++) {
            appendFrame(text, i);
        }
        if (omittedFrames > 0) {
            text.append(String.format("%n  ... %d more frames", omittedFrames));
        }
        return text.toString();
    }

    private void appendFrame(StringBuilder text, int i) {
        text.append(String.format("%n  %3d: ", i)).append(frames.get(i));
    }
}
