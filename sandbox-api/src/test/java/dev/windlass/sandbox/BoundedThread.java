package dev.windlass.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on one daemon platform thread with a time limit each. A task that overruns is
 * interrupted (Chicory's interpreter stops then) and its thread abandoned: Windlass code compiled
 * without fuel or epochs cannot be stopped, only left behind (the harness gives calls a timeout
 * or fuel when the config allows, so they trap instead). The next task gets a fresh thread.
 */
final class BoundedThread implements AutoCloseable {

    /** Java stack for the thread: deep enough for Chicory's recursion and Windlass's 512 KiB. */
    private static final long STACK_BYTES = 8L << 20;

    private final String name;
    private ExecutorService executor;
    private int abandoned;

    BoundedThread(String name) {
        this.name = name;
        this.executor = newExecutor();
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(null, task, name + "-" + abandoned, STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code action}: {@return false if it did not finish within {@code limit}} */
    boolean run(Runnable action, Duration limit) {
        return run(() -> {
            action.run();
            return Boolean.TRUE;
        }, limit).isPresent();
    }

    /**
     * {@return what {@code task} returned (it must not return null), or empty if it did not
     * finish within {@code limit}}
     *
     * @throws RuntimeException what the task threw, if anything (checked exceptions wrapped)
     */
    <T> Optional<T> run(Callable<T> task, Duration limit) {
        Future<T> future = executor.submit(task);
        try {
            return Optional.of(future.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            executor.shutdownNow();
            abandoned++;
            executor = newExecutor();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@return how many threads were left behind by tasks that overran} */
    int abandoned() {
        return abandoned;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
