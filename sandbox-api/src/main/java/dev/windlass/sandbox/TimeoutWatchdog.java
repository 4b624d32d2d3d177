package dev.windlass.sandbox;

import dev.windlass.winch.vm.RuntimeOffsets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one timeout thread: the "ticker" behind {@link Store#setTimeout}. Rather than
 * bumping the epoch every millisecond and waking for nothing, it sleeps until the earliest
 * pending deadline of any store is due, then sets that store's epoch deadline to 0. Compiled
 * code compares the epoch counter with the deadline at every function entry and loop header
 * ({@code counter >= deadline}, and the counter is never below 0), so the store's code traps
 * with INTERRUPT at its next check. The engine's epoch counter itself is untouched, so other
 * stores, and deadlines set with {@link Store#setEpochDeadline}, are not disturbed.
 *
 * <p>Accuracy is that of {@link DelayQueue#take()} (a timed park: tens of microseconds on an idle
 * Linux machine) plus the scheduler's delay in running this thread. The thread is a daemon,
 * started by the first timeout and stopped by {@link #close()}.
 */
final class TimeoutWatchdog implements AutoCloseable {

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final DelayQueue<Timeout> queue = new DelayQueue<>();
    private Thread thread;
    private boolean closed;

    /**
     * One outermost call's timeout: due at {@code dueNanos} ({@link System#nanoTime()} time), it
     * interrupts the store whose runtime block is {@code runtime}, unless cancelled first. The
     * lock makes "cancelled" and "fired" exclusive: once {@link #cancel} returns, this timeout
     * never writes to the runtime block again, so it cannot interrupt the store's next call.
     */
    static final class Timeout implements Delayed {
        private final MemorySegment runtime;
        private final long dueNanos;
        private boolean cancelled;

        private Timeout(MemorySegment runtime, long dueNanos) {
            this.runtime = runtime;
            this.dueNanos = dueNanos;
        }

        private synchronized void fire() {
            if (!cancelled) {
                LONG.setVolatile(runtime, (long) RuntimeOffsets.EPOCH_DEADLINE, 0L); // loop headers
                StackLimitSlot.interrupt(runtime); // function entries
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
     * {@return a timeout that interrupts the store of {@code runtime} {@code nanos} from now}
     *
     * @throws IllegalStateException if the engine is closed
     */
    Timeout schedule(MemorySegment runtime, long nanos) {
        Timeout timeout = new Timeout(runtime, System.nanoTime() + nanos);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("engine is closed: its timeout thread has stopped");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().name("windlass-timeouts").daemon().start(this::run);
            }
        }
        queue.add(timeout);
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

    /** Stops the thread, if it was started, and waits for it. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
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
