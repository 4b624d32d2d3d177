package dev.windlass.plugin;

import java.time.Duration;

/**
 * What one plugin may use. A fuel limit needs an engine built with
 * {@code Config.consumeFuel(true)} and a timeout one with {@code Config.epochInterruption(true)};
 * {@link PluginRegistry}'s default engine has both.
 *
 * @param fuel               fuel per call (a call's allocations, export and post-return together),
 *                           0 for no fuel limit; at least 0
 * @param timeout            wall-clock time of each guest entry of a call (allocation, export,
 *                           post-return: each gets the whole budget), null for none; positive
 * @param maxMemoryBytes     the most each of an instance's memories may hold, 0 for the store's default
 *                           ({@link dev.windlass.sandbox.StoreLimits#DEFAULT_TOTAL_MEMORY_SIZE}, 1 GiB in all); at least 0
 * @param maxInputBytes      the most bytes one argument may put in guest memory, in [0, 2^31 - 1]
 * @param maxOutputBytes     the most bytes a result may take from guest memory, in [0, 2^31 - 9]
 * @param maxConcurrentCalls calls that may run (or wait for an instance) at once, across
 *                           versions during a reload; at least 1; more fail at once
 */
public record PluginLimits(long fuel, Duration timeout, long maxMemoryBytes, int maxInputBytes, int maxOutputBytes,
                           int maxConcurrentCalls) {

    /** The largest array the JVM is sure to allocate. */
    static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    public PluginLimits {
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative: " + fuel);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes must not be negative: " + maxMemoryBytes);
        }
        if (maxInputBytes < 0) {
            throw new IllegalArgumentException("maxInputBytes must not be negative: " + maxInputBytes);
        }
        if (maxOutputBytes < 0 || maxOutputBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxOutputBytes must be in [0, " + MAX_ARRAY_BYTES + "]: " + maxOutputBytes);
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1: " + maxConcurrentCalls);
        }
    }

    /** {@return no fuel or time limit, memory as the engine allows, 64 MiB in and out, unbounded concurrency} */
    public static PluginLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these limits} */
    public Builder toBuilder() {
        return new Builder().fuel(fuel).timeout(timeout).maxMemoryBytes(maxMemoryBytes).maxInputBytes(maxInputBytes)
                .maxOutputBytes(maxOutputBytes).maxConcurrentCalls(maxConcurrentCalls);
    }

    /** Builds {@link PluginLimits}; every option starts at its {@linkplain #defaults() default}. */
    public static final class Builder {
        private long fuel;
        private Duration timeout;
        private long maxMemoryBytes;
        private int maxInputBytes = 64 << 20;
        private int maxOutputBytes = 64 << 20;
        private int maxConcurrentCalls = Integer.MAX_VALUE;

        private Builder() {
        }

        public Builder fuel(long units) {
            this.fuel = units;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxMemoryBytes(long bytes) {
            this.maxMemoryBytes = bytes;
            return this;
        }

        public Builder maxInputBytes(int bytes) {
            this.maxInputBytes = bytes;
            return this;
        }

        public Builder maxOutputBytes(int bytes) {
            this.maxOutputBytes = bytes;
            return this;
        }

        public Builder maxConcurrentCalls(int calls) {
            this.maxConcurrentCalls = calls;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of its range (see {@link PluginLimits}) */
        public PluginLimits build() {
            return new PluginLimits(fuel, timeout, maxMemoryBytes, maxInputBytes, maxOutputBytes, maxConcurrentCalls);
        }
    }

}
