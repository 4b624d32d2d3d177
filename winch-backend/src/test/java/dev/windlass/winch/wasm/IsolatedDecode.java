package dev.windlass.winch.wasm;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decodes and validates untrusted bytes on a worker thread of its own, so that whatever the
 * front end does wrong (throws something unexpected, overflows the stack, runs out of memory,
 * never finishes) becomes a {@link Result} the test can report instead of taking the test JVM
 * down with it. It also measures how many bytes the worker allocated for the input.
 *
 * <p>The worker gets a deliberately small stack, so that recursion over nesting depth shows
 * up as a {@link StackOverflowError} here rather than only on a smaller production stack.
 */
final class IsolatedDecode implements AutoCloseable {

    /** How a decode-and-validate ended. */
    enum Outcome { VALID, MALFORMED, INVALID, CRASH, TIMEOUT }

    /** The outcome, the bytes the worker allocated meanwhile, and the error if there was one. */
    record Result(Outcome outcome, long allocatedBytes, Throwable error) {
        boolean acceptable() {
            return outcome == Outcome.VALID || outcome == Outcome.MALFORMED || outcome == Outcome.INVALID;
        }
    }

    private static final long WORKER_STACK_BYTES = 512 * 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final WasmFeatures features;
    private final Duration timeout;
    private ExecutorService worker;

    IsolatedDecode(WasmFeatures features, Duration timeout) {
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread allocation");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        this.features = features;
        this.timeout = timeout;
        this.worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(null, task, "hostile-bytes-worker", WORKER_STACK_BYTES);
            t.setDaemon(true); // a hung decode must not keep the test JVM alive
            return t;
        });
    }

    /** Decodes, then validates, {@code bytes}; never throws. */
    Result run(byte[] bytes) {
        Future<Result> future = worker.submit(() -> decodeAndValidate(bytes));
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow(); // the stuck thread is abandoned; later inputs get a fresh one
            worker = newWorker();
            return new Result(Outcome.TIMEOUT, -1, e);
        } catch (ExecutionException e) {
            return new Result(Outcome.CRASH, -1, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.CRASH, -1, e);
        }
    }

    private Result decodeAndValidate(byte[] bytes) {
        long before = threads.getCurrentThreadAllocatedBytes();
        Outcome outcome;
        Throwable error = null;
        try {
            ModuleValidator.validate(ModuleDecoder.decode(bytes, features));
            outcome = Outcome.VALID;
        } catch (WasmMalformedException e) {
            outcome = Outcome.MALFORMED;
            error = e;
        } catch (WasmInvalidException e) {
            outcome = Outcome.INVALID;
            error = e;
        } catch (Throwable e) { // anything else, OutOfMemoryError and StackOverflowError included, is a bug
            outcome = Outcome.CRASH;
            error = e;
        }
        return new Result(outcome, threads.getCurrentThreadAllocatedBytes() - before, error);
    }

    /** {@return the most a decode of {@code inputLength} bytes may allocate: 64 bytes per byte plus 16 MiB} */
    static long allocationBound(int inputLength) {
        return 64L * inputLength + (16L << 20);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
