package dev.windlass.sandbox;

/**
 * What one {@link Store} may take, like Wasmtime's {@code StoreLimits}, but bounded by default:
 * a host of untrusted plugins should not let one tenant take the machine with a module of a few
 * bytes (ten tables of 10 million elements, a hundred memories of 4 GiB). Wasmtime leaves bytes
 * and elements unlimited; the defaults here are
 *
 * <table>
 *   <caption>Default limits per store</caption>
 *   <tr><th>limit</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@link #memorySize}</td><td>unlimited (the total binds)</td>
 *       <td>{@link Config#maxMemoryPages()} caps each memory's reservation (4 GiB)</td></tr>
 *   <tr><td>{@link #totalMemorySize}</td><td>{@value #DEFAULT_TOTAL_MEMORY_SIZE} bytes (1 GiB)</td>
 *       <td>the linear memory of all instances of the store: a plugin needing more says so</td></tr>
 *   <tr><td>{@link #tableElements}</td><td>unlimited (the total binds)</td>
 *       <td>{@link Config#maxTableElements()} caps each table</td></tr>
 *   <tr><td>{@link #totalTableElements}</td><td>{@value #DEFAULT_TOTAL_TABLE_ELEMENTS}</td>
 *       <td>8 bytes of native memory each (8 MB); compiled C, Rust and Go programs use a few
 *       thousand</td></tr>
 *   <tr><td>{@link #instances}</td><td>{@value #DEFAULT_INSTANCES}</td><td>as Wasmtime</td></tr>
 *   <tr><td>{@link #memories}</td><td>{@value #DEFAULT_MEMORIES}</td>
 *       <td>each memory is a reservation of up to 8 GiB of address space and a few of the
 *       process's mappings ({@code vm.max_map_count}, 65,530 by default, shared by every
 *       tenant); a module may declare at most 100</td></tr>
 *   <tr><td>{@link #tables}</td><td>{@value #DEFAULT_TABLES}</td>
 *       <td>a module may declare at most 100</td></tr>
 * </table>
 *
 * <p>Raise them with {@link #builder()} (the CLI: {@code windlass run --max-memory SIZE
 * --max-table-elements N --max-instances N --max-memories N --max-tables N}); {@link #unlimited()}
 * gives Wasmtime's defaults, for trusted code.
 *
 * <p>Making something past a limit (an instance, a memory or table, at instantiation or by the
 * host) throws a {@link ResourceLimitException} that names the limit ({@link
 * ResourceLimitException#limit()}); the store goes on. A limit reached by {@code memory.grow} or
 * {@code table.grow} (from Wasm or from the host) makes the grow return -1, as the Wasm spec
 * allows, and the program decides what to do. Memory bytes count what memories may access (their
 * current size), tables their current elements; imported memories and tables are not counted
 * again.
 *
 * @param memorySize         the most bytes one linear memory may have
 * @param totalMemorySize    the most bytes all linear memories of the store may have together
 * @param tableElements      the most elements one table may have
 * @param totalTableElements the most elements all tables of the store may have together
 * @param instances          the most instances the store may hold
 * @param memories           the most linear memories the store may hold (defined by its
 *                           instances or made by the host; an imported memory is not counted again)
 * @param tables             the most tables the store may hold, counted like memories
 */
public record StoreLimits(long memorySize, long totalMemorySize, long tableElements, long totalTableElements,
                          int instances, int memories, int tables) {

    /** The default of {@link #totalMemorySize}: 1 GiB. */
    public static final long DEFAULT_TOTAL_MEMORY_SIZE = 1L << 30;
    /** The default of {@link #totalTableElements}. */
    public static final long DEFAULT_TOTAL_TABLE_ELEMENTS = 1_000_000;
    /** The default of {@link #instances}. */
    public static final int DEFAULT_INSTANCES = 10_000;
    /** The default of {@link #memories}. */
    public static final int DEFAULT_MEMORIES = 100;
    /** The default of {@link #tables}. */
    public static final int DEFAULT_TABLES = 100;

    public StoreLimits {
        requireNonNegative(memorySize, "memorySize");
        requireNonNegative(totalMemorySize, "totalMemorySize");
        requireNonNegative(tableElements, "tableElements");
        requireNonNegative(totalTableElements, "totalTableElements");
        requireNonNegative(instances, "instances");
        requireNonNegative(memories, "memories");
        requireNonNegative(tables, "tables");
    }

    /** {@return the default limits}: see the class comment */
    public static StoreLimits defaults() {
        return builder().build();
    }

    /**
     * {@return Wasmtime's defaults}: no limit on bytes and elements (but the {@link Config}'s per
     * memory and per table), at most 10,000 instances, memories and tables. For trusted code
     * only: a module of a hundred bytes can then take gigabytes.
     */
    public static StoreLimits unlimited() {
        return builder().totalMemorySize(Long.MAX_VALUE).totalTableElements(Long.MAX_VALUE)
                .instances(10_000).memories(10_000).tables(10_000).build();
    }

    /** {@return a builder that starts from the {@linkplain #defaults() defaults}} */
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
        private long totalMemorySize = DEFAULT_TOTAL_MEMORY_SIZE;
        private long tableElements = Long.MAX_VALUE;
        private long totalTableElements = DEFAULT_TOTAL_TABLE_ELEMENTS;
        private int instances = DEFAULT_INSTANCES;
        private int memories = DEFAULT_MEMORIES;
        private int tables = DEFAULT_TABLES;

        private Builder() {
        }

        /** Sets the most bytes one memory may have (default: unlimited, the total binds). */
        public Builder memorySize(long bytes) {
            this.memorySize = bytes;
            return this;
        }

        /** Sets the most bytes all memories may have together (default: 1 GiB). */
        public Builder totalMemorySize(long bytes) {
            this.totalMemorySize = bytes;
            return this;
        }

        /** Sets the most elements one table may have (default: unlimited, the total binds). */
        public Builder tableElements(long elements) {
            this.tableElements = elements;
            return this;
        }

        /** Sets the most elements all tables may have together (default: 1,000,000). */
        public Builder totalTableElements(long elements) {
            this.totalTableElements = elements;
            return this;
        }

        /** Sets the most instances (default: 10,000). */
        public Builder instances(int count) {
            this.instances = count;
            return this;
        }

        /** Sets the most memories (default: 100). */
        public Builder memories(int count) {
            this.memories = count;
            return this;
        }

        /** Sets the most tables (default: 100). */
        public Builder tables(int count) {
            this.tables = count;
            return this;
        }

        public StoreLimits build() {
            return new StoreLimits(memorySize, totalMemorySize, tableElements, totalTableElements, instances,
                    memories, tables);
        }
    }
}
