package dev.windlass.sandbox;

import java.util.Objects;

/**
 * Thrown when making an instance, memory or table would take more than the store's
 * {@link StoreLimits} or the engine's {@link Config} allow, or compiling a module more than its
 * size or time budget. The message says what was asked,
 * the limit, and where to raise it; {@link #limit()} names the limit for a program (the CLI maps
 * it to its option). The store stays usable.
 */
public final class ResourceLimitException extends RuntimeException {

    /** The limit a {@link ResourceLimitException} ran into, and the setting that raises it. */
    public enum Limit {
        /** {@link StoreLimits#memorySize()}: bytes of one memory. */
        MEMORY_SIZE("StoreLimits.Builder.memorySize"),
        /** {@link StoreLimits#totalMemorySize()}: bytes of all memories of a store. */
        TOTAL_MEMORY_SIZE("StoreLimits.Builder.totalMemorySize"),
        /** {@link StoreLimits#tableElements()}: elements of one table. */
        TABLE_ELEMENTS("StoreLimits.Builder.tableElements"),
        /** {@link StoreLimits#totalTableElements()}: elements of all tables of a store. */
        TOTAL_TABLE_ELEMENTS("StoreLimits.Builder.totalTableElements"),
        /** {@link StoreLimits#instances()}. */
        INSTANCES("StoreLimits.Builder.instances"),
        /** {@link StoreLimits#memories()}. */
        MEMORIES("StoreLimits.Builder.memories"),
        /** {@link StoreLimits#tables()}. */
        TABLES("StoreLimits.Builder.tables"),
        /** {@link Config#maxMemoryPages()}: pages of one memory, for every store of an engine. */
        CONFIG_MEMORY_PAGES("Config.Builder.maxMemoryPages"),
        /** {@link Config#maxTableElements()}: elements of one table, for every store of an engine. */
        CONFIG_TABLE_ELEMENTS("Config.Builder.maxTableElements"),
        /** {@link Config#maxModuleBytes()}: the size of a module {@link Engine#compile} accepts. */
        MODULE_BYTES("Config.Builder.maxModuleBytes"),
        /** {@link Config#compileTimeout()}: how long compiling one module may take. */
        COMPILE_TIME("Config.Builder.compileTimeout"),
        /** {@link Config#maxReservedBytes()}: the address space the process's memories may reserve together. */
        RESERVED_ADDRESS_SPACE("Config.Builder.maxReservedBytes"),
        /** The process's address space (or its mappings) ran out: no setting raises it. */
        ADDRESS_SPACE(null);

        private final String setting;

        Limit(String setting) {
            this.setting = setting;
        }

        /** {@return the builder method that raises this limit}, or {@code null} if none does */
        public String setting() {
            return setting;
        }
    }

    private final Limit limit;
    private final String reason;

    ResourceLimitException(Limit limit, String reason) {
        this(limit, reason, null);
    }

    ResourceLimitException(Limit limit, String reason, Throwable cause) {
        super(reason + (limit.setting() != null ? " (raise it with " + limit.setting() + ")" : ""), cause);
        this.limit = Objects.requireNonNull(limit, "limit");
        this.reason = reason;
    }

    /** {@return the limit that was reached} */
    public Limit limit() {
        return limit;
    }

    /** {@return the message without the setting that raises the limit}, for a program that names its own */
    public String reason() {
        return reason;
    }
}
