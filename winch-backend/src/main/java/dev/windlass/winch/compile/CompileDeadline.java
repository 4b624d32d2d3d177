package dev.windlass.winch.compile;

import java.time.Duration;

/**
 * When compiling a module must have finished: checked between functions and every 1,024
 * operators inside one ({@code codegen.FunctionCompiler.OPERATORS_PER_CHECKPOINT}), on every
 * compiling thread, so that no module, however large or however shaped, keeps a compiler busy
 * much past its budget (compilation is linear in the size of a function, so 1,024 operators
 * take microseconds).
 */
public final class CompileDeadline {

    /** No deadline. */
    public static final CompileDeadline NONE = new CompileDeadline(Long.MAX_VALUE, null);

    private final long deadlineNanos;
    private final Duration budget;

    private CompileDeadline(long deadlineNanos, Duration budget) {
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    /** {@return a deadline {@code budget} from now} (a budget too long to represent is none) */
    public static CompileDeadline after(Duration budget) {
        long nanos;
        try {
            nanos = budget.toNanos();
        } catch (ArithmeticException e) {
            return NONE;
        }
        long now = System.nanoTime();
        return nanos > Long.MAX_VALUE / 2 ? NONE : new CompileDeadline(now + nanos, budget);
    }

    /**
     * Checks the clock.
     *
     * @throws CompileTimeoutException if the deadline has passed
     */
    public void check() {
        if (budget != null && System.nanoTime() - deadlineNanos > 0) {
            throw new CompileTimeoutException(budget);
        }
    }
}
