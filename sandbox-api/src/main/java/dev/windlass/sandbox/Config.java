package dev.windlass.sandbox;

import dev.windlass.winch.wasm.WasmFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link Engine} compiles and runs code. Immutable; made with {@link #builder()}.
 *
 * @param features      the Wasm proposals modules may use (default: Wasm 2.0 + multi-memory)
 * @param targetCpu     which optional x86-64 instructions code may use (default
 *                      {@link TargetCpu#HOST}: every one this machine has)
 * @param maxWasmStack  the most native stack, in bytes, that Wasm code may use below the top of
 *                      the calling thread's stack (default 512 KiB); deeper recursion traps with
 *                      STACK_OVERFLOW. Whatever the setting, 256 KiB above the bottom of the stack
 *                      stay free for the JVM and for host calls.
 * @param maxMemoryPages the most 64 KiB pages one linear memory may have (default 65,536: 4 GiB);
 *                      a memory is an address-space reservation of its maximum, capped by this
 * @param maxTableElements the most elements one table may have (default 10,000,000)
 * @param consumeFuel   whether code is metered with fuel (default off): see {@link Store#setFuel}.
 *                      It changes the compiled code; off, the code has no fuel instructions at all.
 * @param epochInterruption whether code checks the engine's epoch against the store's deadline
 *                      (default off): see {@link Engine#incrementEpoch}, {@link Store#setEpochDeadline}
 *                      and {@link Store#setTimeout}. Off, the code has no epoch instructions at all.
 * @param compileCacheBytes how much code and module bytes the engine's compile cache keeps
 *                      (default 256 MiB; 0 turns it off): compiling bytes compiled before
 *                      returns the same {@link Module}
 * @param memoryStrategy how loads and stores of 32-bit memories stay in bounds (default
 *                      {@link MemoryStrategy#EXPLICIT_CHECKS}); {@link MemoryStrategy#GUARD_PAGES}
 *                      reserves 8 GiB of address space per memory, drops the bounds checks and
 *                      installs a process-wide SIGSEGV/SIGBUS handler in front of the JVM's when
 *                      the first such memory is made (see the module README for the trade-off)
 * @param compilerThreads how many threads compile the functions of one module (default: the
 *                      number of processors; 1 compiles on the calling thread only). The code is
 *                      the same whatever the count.
 * @param cacheDirectory a folder where compiled modules are kept across runs (default: none,
 *                      so {@code null}): a module compiled before, with the same compiler build
 *                      and settings, is loaded from it instead of compiled; a file that is
 *                      truncated, corrupted or from another build is ignored and rewritten
 * @param memoryPoolSlots how many linear memories of closed stores the engine keeps for reuse
 *                      (default 16; 0 turns pooling off): a store's memory of at most 4 MiB is
 *                      zeroed and handed to the next instance, saving the mapping, protection and
 *                      page faults of a new one (guard-page memories are never pooled)
 * @param spectreMitigations whether bounds checks also keep mis-speculated accesses in bounds
 *                      (default on, as in Wasmtime): after each memory, table and {@code br_table}
 *                      bounds check a conditional move sends an out-of-bounds address to 0 and an
 *                      out-of-bounds index to entry 0, so a Spectre-v1 gadget in a guest cannot
 *                      read the host's memory even speculatively. Off saves a {@code lea} and a
 *                      {@code cmov} per checked access; only turn it off for guests you trust.
 * @param compileTimeout how long compiling one module may take (default: no limit, so
 *                      {@code null}): past it, {@link Engine#compile} stops on every compiling
 *                      thread and throws {@link ResourceLimitException}. Compilation takes time
 *                      linear in the module's size, so {@link #maxModuleBytes} already bounds it;
 *                      this bounds it in time, for hosts that compile untrusted modules on
 *                      request.
 * @param maxModuleBytes the largest module {@link Engine#compile} accepts, in bytes (default
 *                      256 MiB); a larger one is refused with {@link ResourceLimitException}
 *                      before it is decoded
 * @param maxReservedBytes how much address space the linear memories (and code) of the process
 *                      may reserve together before a new memory is refused with
 *                      {@link ResourceLimitException} (default 32 TiB, a quarter of a 47-bit
 *                      address space: the JVM's heap, stacks and libraries need the rest). An
 *                      explicitly checked memory reserves what its store's limits let it reach
 *                      (at most 1 GiB in a default store), a guard-page memory 8 GiB.
 */
public record Config(WasmFeatures features, TargetCpu targetCpu, long maxWasmStack, long maxMemoryPages,
                     long maxTableElements, boolean consumeFuel, boolean epochInterruption,
                     long compileCacheBytes, MemoryStrategy memoryStrategy, int compilerThreads,
                     Path cacheDirectory, int memoryPoolSlots, boolean spectreMitigations,
                     Duration compileTimeout, long maxModuleBytes, long maxReservedBytes) {

    public Config {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targetCpu, "targetCpu");
        Objects.requireNonNull(memoryStrategy, "memoryStrategy");
        if (maxWasmStack < 4096) {
            throw new IllegalArgumentException("maxWasmStack must be at least 4096 bytes: " + maxWasmStack);
        }
        if (maxTableElements < 0) {
            throw new IllegalArgumentException("maxTableElements must not be negative: " + maxTableElements);
        }
        if (memoryPoolSlots < 0) {
            throw new IllegalArgumentException("memoryPoolSlots must not be negative: " + memoryPoolSlots);
        }
        if (compileTimeout != null && (compileTimeout.isNegative() || compileTimeout.isZero())) {
            throw new IllegalArgumentException("compileTimeout must be positive: " + compileTimeout);
        }
        if (maxReservedBytes <= 0) {
            throw new IllegalArgumentException("maxReservedBytes must be positive: " + maxReservedBytes);
        }
        if (maxModuleBytes < 8) {
            throw new IllegalArgumentException("maxModuleBytes must be at least 8 (a module's header): " + maxModuleBytes);
        }
        if (compilerThreads < 1) {
            throw new IllegalArgumentException("compilerThreads must be at least 1: " + compilerThreads);
        }
        if (compileCacheBytes < 0) {
            throw new IllegalArgumentException("compileCacheBytes must not be negative: " + compileCacheBytes);
        }
        if (maxMemoryPages < 0 || maxMemoryPages > (1L << 32)) {
            throw new IllegalArgumentException("maxMemoryPages must be within [0, 2^32]: " + maxMemoryPages);
        }
    }

    /** {@return the defaults} */
    public static Config defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Config}; every option has a default. */
    public static final class Builder {
        private WasmFeatures features = WasmFeatures.defaults();
        private TargetCpu targetCpu = TargetCpu.HOST;
        private long maxWasmStack = 512 * 1024;
        private long maxMemoryPages = 65536;
        private long maxTableElements = 10_000_000;
        private boolean consumeFuel;
        private boolean epochInterruption;
        private long compileCacheBytes = 256L << 20;
        private MemoryStrategy memoryStrategy = MemoryStrategy.EXPLICIT_CHECKS;
        private int compilerThreads = Runtime.getRuntime().availableProcessors();
        private Path cacheDirectory;
        private int memoryPoolSlots = 16;
        private boolean spectreMitigations = true;
        private Duration compileTimeout;
        private long maxModuleBytes = 256L << 20;
        private long maxReservedBytes = 32L << 40;

        private Builder() {
        }

        public Builder features(WasmFeatures features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** Generates code for {@code cpu}, e.g. {@link TargetCpu#BASELINE} to avoid optional instructions. */
        public Builder targetCpu(TargetCpu cpu) {
            this.targetCpu = Objects.requireNonNull(cpu, "cpu");
            return this;
        }

        public Builder maxWasmStack(long bytes) {
            this.maxWasmStack = bytes;
            return this;
        }

        public Builder maxMemoryPages(long pages) {
            this.maxMemoryPages = pages;
            return this;
        }

        public Builder maxTableElements(long elements) {
            this.maxTableElements = elements;
            return this;
        }

        /** Meters code with fuel (Wasmtime's {@code consume_fuel}); a store then starts with none. */
        public Builder consumeFuel(boolean enable) {
            this.consumeFuel = enable;
            return this;
        }

        /** Makes code check epoch deadlines (Wasmtime's {@code epoch_interruption}); needed for timeouts. */
        public Builder epochInterruption(boolean enable) {
            this.epochInterruption = enable;
            return this;
        }

        /** Keeps up to {@code bytes} of compiled modules for reuse; 0 turns the cache off. */
        public Builder compileCacheBytes(long bytes) {
            this.compileCacheBytes = bytes;
            return this;
        }

        /** Keeps 32-bit memory accesses in bounds by {@code strategy}; see {@link Config#memoryStrategy()}. */
        public Builder memoryStrategy(MemoryStrategy strategy) {
            this.memoryStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Compiles a module's functions on up to {@code threads} threads (1: on the calling thread). */
        public Builder compilerThreads(int threads) {
            this.compilerThreads = threads;
            return this;
        }

        /** Keeps compiled modules in {@code directory} across runs (created if missing); null: none. */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Keeps up to {@code slots} memories of closed stores for reuse (0: none); see {@link Config#memoryPoolSlots()}. */
        public Builder memoryPoolSlots(int slots) {
            this.memoryPoolSlots = slots;
            return this;
        }

        /**
         * Keeps mis-speculated memory and table accesses in bounds (default true); see
         * {@link Config#spectreMitigations()}. Wasmtime's {@code *_spectre_mitigation} settings.
         */
        /** Stops compiling a module after {@code timeout} (null: no limit); see {@link Config#compileTimeout()}. */
        public Builder compileTimeout(Duration timeout) {
            this.compileTimeout = timeout;
            return this;
        }

        /** Refuses new memories once the process reserves {@code bytes} of address space; see {@link Config#maxReservedBytes()}. */
        public Builder maxReservedBytes(long bytes) {
            this.maxReservedBytes = bytes;
            return this;
        }

        /** Refuses modules larger than {@code bytes}; see {@link Config#maxModuleBytes()}. */
        public Builder maxModuleBytes(long bytes) {
            this.maxModuleBytes = bytes;
            return this;
        }

        public Builder spectreMitigations(boolean enable) {
            this.spectreMitigations = enable;
            return this;
        }

        public Config build() {
            return new Config(features, targetCpu, maxWasmStack, maxMemoryPages,
                    maxTableElements, consumeFuel, epochInterruption, compileCacheBytes, memoryStrategy,
                    compilerThreads, cacheDirectory, memoryPoolSlots, spectreMitigations, compileTimeout,
                    maxModuleBytes, maxReservedBytes);
        }
    }
}
