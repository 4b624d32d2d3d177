package dev.windlass.winch.codegen;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fixed miscompilations that a test can put back, to show that the program generator
 * ({@code sandbox-api}'s differential tests) would have found them. Off unless the system
 * property {@code windlass.codegen.reintroduce} names them (comma-separated); never set it
 * outside such a test: each one is a sandbox escape.
 */
enum ReintroducedBug {

    /**
     * A conditional branch to the function body ({@code br_if} as a conditional return) turned
     * lazy local reads of the results into registers on the taken path only, and the fall-through
     * path then read registers nothing had loaded.
     */
    BR_IF_RETURN_STATE("br_if-return-state"),

    /**
     * {@code br_table}'s stubs were emitted in hash order, each changing the state the next one
     * started from in the same way.
     */
    BR_TABLE_STUB_ORDER("br_table-stub-order");

    static final String PROPERTY = "windlass.codegen.reintroduce";

    private static final Set<String> ACTIVE = Arrays.stream(System.getProperty(PROPERTY, "").split(","))
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    private final String key;

    ReintroducedBug(String key) {
        this.key = key;
    }

    /** {@return whether a test asked for this bug back} */
    boolean active() {
        return ACTIVE.contains(key);
    }
}
