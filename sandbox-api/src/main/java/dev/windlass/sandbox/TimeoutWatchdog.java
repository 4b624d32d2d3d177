package dev.windlass.sandbox;

import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 * <p>Accuracy is that of a timed park ({@link LockSupport#parkNanos}: tens of microseconds on an idle
 * Linux machine) plus the scheduler's delay in running this thread. The thread is a daemon,
 * started by the first timeout and stopped by {@link #close()}, which first fires every pending
 * timeout: a call still running with a timeout when its engine closes is interrupted at once,
 * never left to run on without one.
 */
final class TimeoutWatchdog implements AutoCloseable {

    /**
     * The pending timeouts, earliest first, in a lock-free set: the timeout thread, which is what
     * unpins virtual threads spinning in Wasm, must never wait for a lock a virtual thread holds.
     * (With a {@code DelayQueue} it could: a virtual thread waiting for the queue's lock, woken
     * but with every carrier pinned by Wasm calls whose timeouts only this thread can fire, held
     * the timeout thread behind it forever.)
     */
    private final ConcurrentSkipListSet<Timeout> queue = new ConcurrentSkipListSet<>();
    private final AtomicLong sequence = new AtomicLong();
    private Thread thread;
    private boolean closed;

    /**
     * One outermost call's timeout: due at {@code dueNanos} ({@link System#nanoTime()} time), it
     * interrupts the store whose limits are {@code limits}, unless cancelled first. The lock
     * makes "cancelled" and "fired" exclusive: once {@link #cancel} returns, this timeout never
     * writes to the runtime block again, so it cannot interrupt the store's next call.
     */
    static final class Timeout implements Comparable<Timeout> {
        private final ExecutionLimits limits;
        private final long dueNanos;
        /** Orders timeouts due at the same nanosecond. */
        private final long sequence;
        private boolean cancelled;

        private Timeout(ExecutionLimits limits, long dueNanos, long sequence) {
            this.limits = limits;
            this.dueNanos = dueNanos;
            this.sequence = sequence;
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
        public int compareTo(Timeout other) {
            int byDue = Long.compare(dueNanos - other.dueNanos, 0); // nanoTime values compare by difference
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    /**
     * {@return a timeout that interrupts the store of {@code limits} {@code nanos} from now}
     *
     * @throws IllegalStateException if the engine is closed
     */
    Timeout schedule(ExecutionLimits limits, long nanos) {
        Timeout timeout = new Timeout(limits, System.nanoTime() + nanos, sequence.incrementAndGet());
        Thread wake;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("engine is closed: its timeout thread has stopped");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().name("windlass-timeouts").daemon().start(this::run);
            }
            queue.add(timeout); // under the monitor: close() cannot miss it
            wake = thread;
        }
        if (earliest() == timeout) {
            LockSupport.unpark(wake); // it may be sleeping until a later one
        }
        return timeout;
    }

    /** Withdraws {@code timeout}; after this it can no longer interrupt its store. */
    void cancel(Timeout timeout) {
        timeout.markCancelled();
        queue.remove(timeout);
    }

    /** {@return the earliest pending timeout}, or null */
    private Timeout earliest() {
        try {
            return queue.first();
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    /** Sleeps until the earliest timeout is due and fires it; a new earlier one unparks it. */
    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Timeout next = earliest();
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            long delay = next.dueNanos - System.nanoTime();
            if (delay > 0) {
                LockSupport.parkNanos(this, delay);
            } else if (queue.remove(next)) {
                next.fire();
            }
        }
        // close(): it fired every pending timeout before interrupting this thread
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
            for (Timeout pending = queue.pollFirst(); pending != null; pending = queue.pollFirst()) {
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
