package dev.windlass.winch.compile;

import java.time.Duration;

/** Compiling a module took longer than its {@link CompileDeadline}'s budget; nothing was kept. */
public final class CompileTimeoutException extends RuntimeException {

    private final Duration budget;

    CompileTimeoutException(Duration budget) {
        super("compiling the module took longer than its budget of " + budget.toMillis() + " ms");
        this.budget = budget;
    }

    /** {@return the budget that was exceeded} */
    public Duration budget() {
        return budget;
    }
}
