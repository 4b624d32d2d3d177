package dev.windlass.sandbox;

import dev.windlass.winch.vm.RuntimeOffsets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

/**
 * What bounds a store's execution, all kept in its runtime block where code reads them: the
 * fuel counter, the deadline in force, and the stack limit, which doubles as the interrupt flag
 * function entries see ({@link StackLimitSlot}). The store validates and claims; this class only
 * keeps the fields and the runtime block consistent. Each method runs with the store claimed,
 * but {@link #epochAdvanced} and {@link #timeoutFired}, which other threads call.
 *
 * <p><b>Two deadlines, one slot.</b> The code compares the epoch with one word, the deadline in
 * force. The user's epoch deadline ({@link #setEpochDeadline}) and the call's timeout are kept
 * apart here, and the word is always derived from both: 0 once the running call has timed out,
 * the epoch deadline otherwise. So whichever comes first interrupts, and setting one never
 * cancels the other (a host function that sets an epoch deadline during a call that has timed
 * out leaves it timed out). Writes of the word and of the interrupt happen under this object's
 * lock, which the timeout thread takes too.
 */
final class ExecutionLimits {

    /** No thread has id 0 ({@link Thread#threadId()} is positive). */
    private static final long NO_THREAD = 0;

    private final Engine engine;
    private final MemorySegment runtime;
    private final StackLimitSlot stackLimit;
    /** The thread whose stack limit the runtime block holds, or {@link #NO_THREAD}. */
    private long stackLimitThreadId = NO_THREAD;
    /** The epoch deadline the user set, absolute; a timeout that fires overrides it until the call ends. */
    private volatile long epochDeadline = Long.MAX_VALUE;
    /** Whether the running outermost call's timeout has fired; guarded by this object's lock. */
    private boolean timedOut;
    /** The wall-clock budget of each outermost call, or 0 for none. */
    private long timeoutNanos;
    /** The timeout of the outermost call running now, or null. */
    private TimeoutWatchdog.Timeout runningTimeout;

    ExecutionLimits(Engine engine, MemorySegment runtime) {
        this.engine = engine;
        this.runtime = runtime;
        this.stackLimit = new StackLimitSlot(runtime);
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL, 0L);
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.EPOCH_DEADLINE, epochDeadline);
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.EPOCH_COUNTER_ADDRESS, engine.epochCounterAddress());
    }

    // ---- fuel --------------------------------------------------------------------------------

    void setFuel(long fuel) {
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL, fuel);
    }

    long fuel() {
        // The charge that trapped took the counter below zero; none of that fuel is left.
        return Math.max(0, runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL));
    }

    /**
     * Charges a host function's {@code fuel} (when the engine meters fuel: while a host function
     * runs, the fuel left is in the runtime block) and checks the deadline in force.
     *
     * @throws HostInterrupt OUT_OF_FUEL if the charge would leave less than zero (the counter is
     *                       left at -1, as a trapping charge in Wasm code leaves it below zero),
     *                       INTERRUPT if the epoch deadline or the timeout has passed
     */
    void checkHostWork(long fuel) {
        if (engine.config().consumeFuel() && fuel > 0) {
            long left = runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL);
            if (left < fuel) {
                runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL, -1L);
                throw new HostInterrupt(TrapCode.OUT_OF_FUEL);
            }
            runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.FUEL, left - fuel);
        }
        if (epochDeadlinePassed()) {
            throw new HostInterrupt(TrapCode.INTERRUPT);
        }
    }

    // ---- epochs and timeouts -----------------------------------------------------------------

    /**
     * Sets the deadline {@code ticks} epochs beyond the engine's current one (saturating). The
     * store then has the engine watch it and calls {@link #syncEpochInterrupt}, in that order, so
     * an epoch that advances in between is not missed.
     */
    synchronized void setEpochDeadline(long ticks) {
        long now = engine.epoch();
        epochDeadline = ticks > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ticks;
        publishDeadline();
    }

    /** Writes the deadline in force: 0 if the running call has timed out, the user's epoch deadline otherwise. */
    private void publishDeadline() {
        runtime.set(ValueLayout.JAVA_LONG, RuntimeOffsets.EPOCH_DEADLINE, timedOut ? 0L : epochDeadline);
    }

    /**
     * From the timeout thread: the running outermost call has used up its time. The deadline in
     * force becomes 0 (loop headers) and function entries are interrupted, until
     * {@link #endOutermostCall}.
     */
    synchronized void timeoutFired() {
        timedOut = true;
        publishDeadline();
        stackLimit.interrupt();
    }

    /** Bounds every outermost call to {@code timeout} (positive); saturates to centuries. */
    void setTimeout(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2; // centuries: no timeout in practice, and no overflow adding it to nanoTime
        }
        timeoutNanos = Math.min(nanos, Long.MAX_VALUE / 2);
    }

    void clearTimeout() {
        timeoutNanos = 0;
    }

    /** Called by {@link Engine#incrementEpoch()} with the new epoch, from any thread. */
    void epochAdvanced(long epoch) {
        if (epoch >= epochDeadline) {
            stackLimit.interrupt();
        }
    }

    /** {@return whether function entries trap because of an interrupt}, not a real stack overflow */
    boolean interrupted() {
        return stackLimit.interrupted();
    }

    // ---- the outermost call ------------------------------------------------------------------

    /** Sets up an outermost call on {@code current}: its stack limit and its timeout. */
    void beginOutermostCall(Thread current) {
        if (timeoutNanos > 0) { // first: scheduling can park a virtual thread, which may resume elsewhere
            runningTimeout = engine.watchdog().schedule(this, timeoutNanos);
        }
        setStackLimit(current);
    }

    /**
     * After the entry trampoline found its stack pointer outside the bounds in force (a virtual
     * thread that moved to another carrier): takes them again on the current thread.
     * {@return whether they changed}; if not, the stack itself has no room left for Wasm
     */
    boolean retakeStackBounds() {
        StackLimit.Bounds before = stackLimit.bounds();
        StackLimit.Bounds now = StackLimit.boundsForCurrentThread(engine.config().maxWasmStack());
        stackLimit.setThreadLimit(now, epochDeadlinePassed());
        stackLimitThreadId = Thread.currentThread().isVirtual() ? NO_THREAD : Thread.currentThread().threadId();
        return !now.equals(before);
    }

    /**
     * Ends the outermost call's timeout: once cancelled it cannot fire, so the user's deadline,
     * which a timeout that fired replaced with 0, can be put back for the next call.
     */
    void endOutermostCall() {
        if (runningTimeout != null) {
            engine.watchdog().cancel(runningTimeout);
            runningTimeout = null;
            synchronized (this) {
                timedOut = false;
                publishDeadline();
                syncEpochInterrupt();
            }
        }
    }

    /**
     * Writes the stack limit for {@code current} into the runtime block, unless it is there
     * already: a platform thread's stack never moves, so the limit written for it stays right
     * until another thread enters (thread ids are never reused). A virtual thread may run on
     * another carrier at every call, so its limit is never cached.
     */
    private void setStackLimit(Thread current) {
        long threadId = current.threadId();
        if (threadId == stackLimitThreadId) {
            return;
        }
        stackLimit.setThreadLimit(StackLimit.boundsForCurrentThread(engine.config().maxWasmStack()), epochDeadlinePassed());
        stackLimitThreadId = current.isVirtual() ? NO_THREAD : threadId;
    }

    /** {@return whether the engine's epoch has reached the deadline in force} (a fired timeout's is 0) */
    private boolean epochDeadlinePassed() {
        return engine.config().epochInterruption()
                && engine.epoch() >= runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.EPOCH_DEADLINE);
    }

    /** Interrupts function entries if the deadline in force has passed, and stops interrupting them if not. */
    synchronized void syncEpochInterrupt() {
        if (epochDeadlinePassed()) {
            stackLimit.interrupt();
        } else {
            stackLimit.clearInterrupt();
        }
    }
}
