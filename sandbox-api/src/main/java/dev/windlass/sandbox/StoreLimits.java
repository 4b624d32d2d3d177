package dev.windlass.sandbox;

/**
 * What one {@link Store} may take, like Wasmtime's {@code StoreLimits}: the defaults allow
 * what the {@link Config} allows and at most 10,000 instances, memories and tables.
 *
 * <p>A limit that a module's declared minimum already exceeds makes instantiation fail with a
 * {@link ResourceLimitException}; a limit reached by {@code memory.grow} or {@code table.grow}
 * (from Wasm or from the host) makes the grow return -1, as the Wasm spec allows, and the
 * program decides what to do.
 *
 * @param memorySize      the most bytes one linear memory may have
 * @param totalMemorySize the most bytes all linear memories of the store may have together
 * @param tableElements   the most elements one table may have
 * @param instances       the most instances the store may hold
 * @param memories        the most linear memories the store may hold (defined by its
 *                        instances or made by the host; an imported memory is not counted again)
 * @param tables          the most tables the store may hold, counted like memories
 */
public record StoreLimits(long memorySize, long totalMemorySize, long tableElements, int instances, int memories,
                          int tables) {

    private static final int DEFAULT_COUNT = 10_000;

    public StoreLimits {
        requireNonNegative(memorySize, "memorySize");
        requireNonNegative(totalMemorySize, "totalMemorySize");
        requireNonNegative(tableElements, "tableElements");
        requireNonNegative(instances, "instances");
        requireNonNegative(memories, "memories");
        requireNonNegative(tables, "tables");
    }

    /** {@return the default limits} */
    public static StoreLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    /** Builds {@link StoreLimits}; every limit not set stays at its default. */
    public static final class Builder {
        private long memorySize = Long.MAX_VALUE;
        private long totalMemorySize = Long.MAX_VALUE;
        private long tableElements = Long.MAX_VALUE;
        private int instances = DEFAULT_COUNT;
        private int memories = DEFAULT_COUNT;
        private int tables = DEFAULT_COUNT;

        private Builder() {
        }

        public Builder memorySize(long bytes) {
            this.memorySize = bytes;
            return this;
        }

        public Builder totalMemorySize(long bytes) {
            this.totalMemorySize = bytes;
            return this;
        }

        public Builder tableElements(long elements) {
            this.tableElements = elements;
            return this;
        }

        public Builder instances(int count) {
            this.instances = count;
            return this;
        }

        public Builder memories(int count) {
            this.memories = count;
            return this;
        }

        public Builder tables(int count) {
            this.tables = count;
            return this;
        }

        public StoreLimits build() {
            return new StoreLimits(memorySize, totalMemorySize, tableElements, instances, memories, tables);
        }
    }
}
