package dev.windlass.sandbox;

import dev.windlass.winch.vm.RuntimeOffsets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The stack limit in a store's runtime block, which is also how a function entry learns that
 * its epoch deadline passed (V8's "stack guard" interrupt). Every prologue compares the new
 * stack pointer with the limit; {@link #interrupt()} sets the limit to the highest address, so
 * the next prologue fails its check, and the store reports that failure as
 * {@link TrapCode#INTERRUPT} rather than a stack overflow
 * ({@link #interrupted()}). Function entries so pay nothing for epochs; loop headers compare
 * the epoch counter itself.
 *
 * <p>Any thread may interrupt (the engine's {@code incrementEpoch}, the timeout thread); the
 * store's own thread sets the thread's real limit and clears an interrupt that no longer holds.
 */
final class StackLimitSlot {

    /** The limit that makes every prologue's unsigned comparison fail. */
    static final long INTERRUPTED = -1L;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment runtime;
    /** The calling thread's real limit, which {@link #clearInterrupt()} puts back. */
    private volatile long threadLimit;

    StackLimitSlot(MemorySegment runtime) {
        this.runtime = runtime;
    }

    /**
     * Sets the limit of the thread now entering, or the interrupt if {@code interrupted}, and the
     * bounds the outermost entry checks its stack pointer against.
     */
    void setThreadLimit(StackLimit.Bounds bounds, boolean interrupted) {
        threadLimit = bounds.floor();
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.STACK_FLOOR, bounds.floor());
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.STACK_CEILING, bounds.ceiling());
        LONG.setVolatile(runtime, (long) RuntimeOffsets.STACK_LIMIT, interrupted ? INTERRUPTED : bounds.floor());
    }

    /** {@return the bounds in force} (as the entry trampoline reads them) */
    StackLimit.Bounds bounds() {
        return new StackLimit.Bounds(runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.STACK_FLOOR),
                runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.STACK_CEILING));
    }

    /** Makes the next function entry of the store's code trap. */
    void interrupt() {
        interrupt(runtime);
    }

    /** {@link #interrupt()} on a runtime block, for the timeout thread, which holds only the block. */
    static void interrupt(MemorySegment runtime) {
        LONG.setVolatile(runtime, (long) RuntimeOffsets.STACK_LIMIT, INTERRUPTED);
    }

    /** Puts the thread's limit back if an interrupt is set (a concurrent new interrupt wins). */
    void clearInterrupt() {
        LONG.compareAndSet(runtime, (long) RuntimeOffsets.STACK_LIMIT, INTERRUPTED, threadLimit);
    }

    boolean interrupted() {
        return (long) LONG.getVolatile(runtime, (long) RuntimeOffsets.STACK_LIMIT) == INTERRUPTED;
    }
}
