package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginLimitExceededException;
import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.InstancePre;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Module;
import dev.windlass.sandbox.ResourceLimitException;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.StoreLimits;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiConfig;
import dev.windlass.wasi.WasiPreview1;

/**
 * Makes instances of one plugin version: a store with the plugin's limits (memory bytes,
 * timeout), its imports linked (WASI preview1 with the plugin's capabilities, a fresh host per
 * instance; Extism's kernel, with a fresh kernel per instance; the plugin's {@code imports}), then {@code _initialize} if the module exports it
 * (as reactors built by wasi-sdk and wit-bindgen do). Thread-safe. A module without WASI is
 * prepared once ({@link InstancePre}), so each instance costs a store and an instantiation.
 */
final class InstanceFactory {

    private static final String INITIALIZE = "_initialize";
    /** The Extism kernel memory of a plugin without a memory limit: the JVM heap is not the guest's to take. */
    private static final long DEFAULT_KERNEL_BYTES = 128L << 20;

    private final String plugin;
    private final String version;
    private final Engine engine;
    private final Module module;
    private final ModuleShape shape;
    private final PluginOptions options;
    private final StoreLimits storeLimits;
    /** Null when the module imports WASI, whose host holds per-instance state. */
    private final InstancePre prepared;

    /** @throws PluginLoadException if the module imports what no linker here defines */
    InstanceFactory(String plugin, String version, Engine engine, Module module, ModuleShape shape,
                    PluginOptions options) {
        this.plugin = plugin;
        this.version = version;
        this.engine = engine;
        this.module = module;
        this.shape = shape;
        this.options = options;
        long memory = options.limits().maxMemoryBytes();
        this.storeLimits = memory > 0
                ? StoreLimits.builder().memorySize(memory).totalMemorySize(memory).build()
                : StoreLimits.defaults();
        try {
            this.prepared = shape.importsWasi() ? null : linker(null).instantiatePre(module);
        } catch (RuntimeException e) {
            throw new PluginLoadException(plugin, version, "cannot link: " + e.getMessage(), e);
        }
    }

    /**
     * {@return a new instance}
     *
     * @param confined whether the store may be used only by the calling thread (cheaper; for per-call instances)
     * @throws PluginException as {@link PluginLimitExceededException} if its memory exceeds the limit, as a trap if
     *                         its start function or {@code _initialize} traps, else as {@link PluginLoadException}
     */
    PluginInstance create(boolean confined) {
        Store store = confined ? Store.createConfined(engine, storeLimits) : Store.create(engine, storeLimits);
        WasiPreview1 wasi = null;
        try {
            PluginLimits limits = options.limits();
            if (limits.timeout() != null) {
                store.setTimeout(limits.timeout());
            }
            if (engine.config().consumeFuel()) {
                // A start function runs inside instantiation: without fuel it would trap at its first block.
                store.setFuel(limits.fuel() > 0 ? limits.fuel() : Long.MAX_VALUE);
            }
            Instance instance;
            if (prepared != null) {
                instance = prepared.instantiate(store);
            } else {
                wasi = new WasiPreview1(options.wasi() != null ? options.wasi() : WasiConfig.builder().build());
                instance = linker(wasi).instantiate(store, module);
            }
            PluginInstance created = new PluginInstance(store, instance, wasi, shape.importsExtism()
                    ? new ExtismKernel(kernelCap(), options.config(), System.getLogger("windlass.plugin." + plugin))
                    : null);
            if (shape.function(INITIALIZE).isPresent()) {
                created.refuel(limits.fuel());
                created.function(INITIALIZE).call();
            }
            return created;
        } catch (RuntimeException e) {
            try {
                store.close();
            } finally {
                if (wasi != null) {
                    wasi.close();
                }
            }
            throw translate(e);
        }
    }

    /**
     * {@return a linker offering WASI (when {@code wasi} is not null), Extism's kernel (when
     * imported) and the plugin's own imports}
     */
    private Linker linker(WasiPreview1 wasi) {
        Linker linker = wasi != null ? wasi.define(new Linker()) : new Linker();
        if (shape.importsExtism()) {
            ExtismHostFunctions.define(linker);
        }
        options.imports().define(linker);
        return linker;
    }

    /** {@return the bytes an Extism kernel may hold}: the plugin's memory limit, or 128 MiB */
    private long kernelCap() {
        long limit = options.limits().maxMemoryBytes();
        return limit > 0 ? limit : DEFAULT_KERNEL_BYTES;
    }

    private PluginException translate(RuntimeException e) {
        return switch (e) {
            case PluginException known -> known;
            case WasmTrap trap -> TrapTranslator.translate(trap, plugin, version, null, "instantiation",
                    options.limits());
            case ResourceLimitException limit -> new PluginLimitExceededException(plugin, version, null,
                    Limit.MEMORY_BYTES, options.limits().maxMemoryBytes(), -1, limit);
            default -> new PluginLoadException(plugin, version, "cannot instantiate: " + e.getMessage(), e);
        };
    }
}
