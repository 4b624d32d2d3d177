package dev.windlass.sandbox;

import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one timeout thread: the "ticker" behind {@link Store#setTimeout}. Rather than
 * bumping the epoch every millisecond and waking for nothing, it sleeps until the earliest
 * pending deadline of any store is due, then tells that store's {@link ExecutionLimits} that its
 * call timed out, which makes the deadline in force 0. Compiled code compares the epoch counter
 * with the deadline at every function entry and loop header ({@code counter >= deadline}, and
 * the counter is never below 0), so the store's code traps with INTERRUPT at its next check. The
 * engine's epoch counter itself is untouched, so other stores are not disturbed, and the
 * deadline set with {@link Store#setEpochDeadline} is kept apart: setting it during a call that
 * timed out does not lift the timeout.
 *
 * <p>Accuracy is that of {@link DelayQueue#take()} (a timed park: tens of microseconds on an idle
 * Linux machine) plus the scheduler's delay in running this thread. The thread is a daemon,
 * started by the first timeout and stopped by {@link #close()}, which first fires every pending
 * timeout: a call still running with a timeout when its engine closes is interrupted at once,
 * never left to run on without one.
 */
final class TimeoutWatchdog implements AutoCloseable {

    private final DelayQueue<Timeout> queue = new DelayQueue<>();
    private Thread thread;
    private boolean closed;

    /**
     * One outermost call's timeout: due at {@code dueNanos} ({@link System#nanoTime()} time), it
     * interrupts the store whose limits are {@code limits}, unless cancelled first. The lock
     * makes "cancelled" and "fired" exclusive: once {@link #cancel} returns, this timeout never
     * writes to the runtime block again, so it cannot interrupt the store's next call.
     */
    static final class Timeout implements Delayed {
        private final ExecutionLimits limits;
        private final long dueNanos;
        private boolean cancelled;

        private Timeout(ExecutionLimits limits, long dueNanos) {
            this.limits = limits;
            this.dueNanos = dueNanos;
        }

        private synchronized void fire() {
            if (!cancelled) {
                limits.timeoutFired();
            }
        }

        private synchronized void markCancelled() {
            cancelled = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Timeout) other).dueNanos);
        }
    }

    /**
     * {@return a timeout that interrupts the store of {@code limits} {@code nanos} from now}
     *
     * @throws IllegalStateException if the engine is closed
     */
    Timeout schedule(ExecutionLimits limits, long nanos) {
        Timeout timeout = new Timeout(limits, System.nanoTime() + nanos);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("engine is closed: its timeout thread has stopped");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().name("windlass-timeouts").daemon().start(this::run);
            }
            queue.add(timeout); // under the lock: close() cannot miss it
        }
        return timeout;
    }

    /** Withdraws {@code timeout}; after this it can no longer interrupt its store. */
    void cancel(Timeout timeout) {
        timeout.markCancelled();
        queue.remove(timeout);
    }

    private void run() {
        try {
            while (true) {
                queue.take().fire();
            }
        } catch (InterruptedException e) {
            // close(): nothing is pending that matters, since no store may use the engine any more
        }
    }

    /**
     * Fires every pending timeout now (their calls trap with INTERRUPT at their next check),
     * then stops the thread, if it was started, and waits for it.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
            for (Timeout pending : queue.toArray(new Timeout[0])) {
                queue.remove(pending);
                pending.fire();
            }
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
