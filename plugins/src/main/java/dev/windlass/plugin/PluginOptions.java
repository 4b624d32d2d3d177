package dev.windlass.plugin;

import dev.windlass.wasi.WasiConfig;
import java.util.Map;
import java.util.Objects;

/**
 * How one plugin runs: its {@link InstancePolicy}, {@link PluginLimits} and capabilities.
 *
 * @param policy             how calls get instances
 * @param poolSize           the most instances under {@link InstancePolicy#POOLED}, at least 1
 * @param minIdle            instances made before a version goes into service, in [0, poolSize]
 *                           ({@code POOLED}; {@code SHARED} makes its one instance if this is positive),
 *                           so that the first calls after a load or reload do not pay for instantiation
 * @param maxUsesPerInstance calls a pooled instance serves before it is replaced, at least 1
 * @param limits             fuel, time, memory, bytes and concurrency per call
 * @param wasi               what a plugin that imports WASI (preview1) may see: preopened
 *                           directories, environment, arguments, where stdout and stderr go;
 *                           null gives such a plugin nothing (no files, no environment, output
 *                           discarded). Each instance gets its own descriptors.
 * @param smokeExport        an export {@code () -> ()} or {@code () -> i32} called once on each new
 *                           version before it replaces the old one (it must not trap), or null
 * @param config             what an Extism plugin reads with {@code config_get}; copied
 * @param imports            the host functions (and other definitions) the plugin may import
 */
public record PluginOptions(InstancePolicy policy, int poolSize, int minIdle, int maxUsesPerInstance, PluginLimits limits,
                            WasiConfig wasi, String smokeExport, Map<String, String> config,
                            PluginImports imports) {

    public PluginOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        config = Map.copyOf(config);
        Objects.requireNonNull(imports, "imports");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        if (minIdle < 0 || minIdle > poolSize) {
            throw new IllegalArgumentException("minIdle must be in [0, poolSize " + poolSize + "]: " + minIdle);
        }
        if (maxUsesPerInstance < 1) {
            throw new IllegalArgumentException("maxUsesPerInstance must be at least 1: " + maxUsesPerInstance);
        }
    }

    /** {@return {@link InstancePolicy#POOLED} with as many instances as processors, default limits, no WASI capabilities} */
    public static PluginOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PluginOptions}; every option starts at its {@linkplain #defaults() default}. */
    public static final class Builder {
        private InstancePolicy policy = InstancePolicy.POOLED;
        private int poolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int minIdle;
        private int maxUsesPerInstance = Integer.MAX_VALUE;
        private PluginLimits limits = PluginLimits.defaults();
        private WasiConfig wasi;
        private String smokeExport;
        private Map<String, String> config = Map.of();
        private PluginImports imports = PluginImports.NONE;

        private Builder() {
        }

        public Builder policy(InstancePolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder poolSize(int instances) {
            this.poolSize = instances;
            return this;
        }

        public Builder minIdle(int instances) {
            this.minIdle = instances;
            return this;
        }

        public Builder maxUsesPerInstance(int calls) {
            this.maxUsesPerInstance = calls;
            return this;
        }

        public Builder limits(PluginLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder wasi(WasiConfig capabilities) {
            this.wasi = capabilities;
            return this;
        }

        public Builder smokeExport(String export) {
            this.smokeExport = export;
            return this;
        }

        public Builder config(Map<String, String> values) {
            this.config = values;
            return this;
        }

        public Builder imports(PluginImports definitions) {
            this.imports = definitions;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of its range */
        public PluginOptions build() {
            return new PluginOptions(policy, poolSize, minIdle, maxUsesPerInstance, limits, wasi, smokeExport, config,
                    imports);
        }
    }
}
