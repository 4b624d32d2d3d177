package dev.windlass.sandbox;

import dev.windlass.memory.MemoryPool;
import dev.windlass.winch.compile.CodeOptions;
import dev.windlass.winch.compile.CompileDeadline;
import dev.windlass.winch.compile.CompileTimeoutException;
import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.compile.CompiledModuleFormat;
import dev.windlass.winch.compile.InvalidCompiledModuleException;
import dev.windlass.winch.compile.ModuleCompiler;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmModule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Compiles modules for one {@link Config}. Thread-safe; usually one per application.
 *
 * <p>The engine owns the <b>epoch counter</b>, a native 64-bit word that code compiled with
 * {@link Config#epochInterruption()} reads at function entries and loop headers (every store's
 * runtime block holds its address), and the thread behind {@link Store#setTimeout}, started on
 * the first timed call and stopped by {@link #close()}.
 */
public final class Engine implements AutoCloseable {

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /** The largest memory the pool keeps: zeroing more costs more than mapping anew. */
    private static final long POOLED_MEMORY_BYTES = 4L << 20;
    /**
     * The threads that help compile functions, shared by every engine: a pool as large as the
     * machine (its workers are daemons and end when idle). Each compile also uses its caller.
     */
    /**
     * The threads every engine compiles on: one per processor at most, named
     * {@code windlass-compiler-N}, daemons (a compilation in flight never keeps the JVM alive).
     * A module's functions use at most {@link Config#compilerThreads()} of them.
     */
    private static final ForkJoinPool COMPILER_THREADS = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("windlass-compiler-" + thread.getPoolIndex());
                thread.setDaemon(true);
                return thread;
            }, null, false);

    private final Config config;
    private final ModuleCompiler compiler;
    private final TypeRegistry types = new TypeRegistry();
    /** Freed when the engine is unreachable; every store holds its engine, so never before its code stops. */
    private final MemorySegment epochCounter = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
    private final TimeoutWatchdog watchdog = new TimeoutWatchdog();
    /** Memories of closed stores, kept for the next instances ({@link Config#memoryPoolSlots()}). */
    private final MemoryPool memoryPool;
    /** Stores that set an epoch deadline, held weakly: a forgotten store drops out by itself. */
    private final Set<Store> deadlineStores = Collections.newSetFromMap(new WeakHashMap<>());
    /** Null when {@link Config#compileCacheBytes()} is 0. */
    private final ModuleCache cache;
    /** Null without a {@link Config#cacheDirectory()}. */
    private final DiskCache diskCache;
    /** What code compiled by this engine is stamped with: compiler build, target, code options, features. */
    private final String fingerprint;

    private Engine(Config config) {
        this.config = config;
        CodeOptions options = new CodeOptions(new Metering(config.consumeFuel(), config.epochInterruption()),
                config.memoryStrategy().compilerStrategy(), config.spectreMitigations());
        Target target = config.targetCpu().compilerTarget();
        this.compiler = new ModuleCompiler(target, options, COMPILER_THREADS, config.compilerThreads());
        this.fingerprint = CompiledModuleFormat.fingerprint(target, options) + "; " + config.features();
        this.diskCache = config.cacheDirectory() == null ? null
                : new DiskCache(config.cacheDirectory(), fingerprint, config.features());
        this.memoryPool = new MemoryPool(config.memoryPoolSlots(), POOLED_MEMORY_BYTES);
        this.cache = config.compileCacheBytes() > 0 ? new ModuleCache(config.compileCacheBytes()) : null;
    }

    /** {@return an engine with the default configuration} */
    public static Engine create() {
        return new Engine(Config.defaults());
    }

    public static Engine create(Config config) {
        return new Engine(Objects.requireNonNull(config, "config"));
    }

    public Config config() {
        return config;
    }

    TypeRegistry types() {
        return types;
    }

    /**
     * Advances the epoch by one, atomically; any thread may call it, also while code runs. Code of
     * a store whose deadline the new epoch reaches traps with INTERRUPT at its next check (a
     * function entry or loop header). Without {@link Config#epochInterruption()} nothing checks it.
     */
    public void incrementEpoch() {
        long epoch = (long) LONG.getAndAdd(epochCounter, 0L, 1L) + 1;
        synchronized (deadlineStores) {
            for (Store store : deadlineStores) {
                store.epochAdvanced(epoch);
            }
        }
    }

    /** Tells {@code store} of every new epoch from now on, so its function entries are interrupted when due. */
    void watchEpochDeadline(Store store) {
        synchronized (deadlineStores) {
            deadlineStores.add(store);
        }
    }

    /** Stops telling {@code store} of new epochs; once this returns, none will reach it. */
    void forgetEpochDeadline(Store store) {
        synchronized (deadlineStores) {
            deadlineStores.remove(store);
        }
    }

    /** {@return the current epoch}: 0 at creation, plus one per {@link #incrementEpoch()} */
    long epoch() {
        return (long) LONG.getVolatile(epochCounter, 0L);
    }

    /** {@return the native address of the epoch counter}, for the stores' runtime blocks */
    long epochCounterAddress() {
        return epochCounter.address();
    }

    MemoryPool memoryPool() {
        return memoryPool;
    }

    TimeoutWatchdog watchdog() {
        return watchdog;
    }

    /**
     * Stops the engine's timeout thread, if it was started; afterwards a call on a store with a
     * {@linkplain Store#setTimeout timeout} throws {@link IllegalStateException}. A call running
     * with a timeout at that moment is interrupted at once (its timeout fires now: it traps with
     * INTERRUPT at its next function entry or loop header), never left to run without one.
     * Compiling and calls without a timeout keep working. Idempotent.
     */
    @Override
    public void close() {
        watchdog.close();
        memoryPool.clear();
    }

    /**
     * Decodes, validates and compiles a module.
     *
     * @throws dev.windlass.winch.wasm.WasmMalformedException if the bytes are not a Wasm binary
     * @throws dev.windlass.winch.wasm.WasmInvalidException   if the module is invalid
     * @throws dev.windlass.winch.wasm.UnsupportedFeatureException if it uses what this build cannot compile yet
     * @throws ResourceLimitException if the module is larger than {@link Config#maxModuleBytes()}
     *                                or compiling it takes longer than {@link Config#compileTimeout()}
     */
    public Module compile(byte[] wasm) {
        Objects.requireNonNull(wasm, "wasm");
        if (wasm.length > config.maxModuleBytes()) {
            throw new ResourceLimitException(ResourceLimitException.Limit.MODULE_BYTES, "the module's " + wasm.length
                    + " bytes are more than the " + config.maxModuleBytes() + " maxModuleBytes allows");
        }
        return cache == null ? compileUncached(wasm) : cache.get(wasm, this::compileUncached);
    }

    /**
     * {@return what the compile cache has done}: with the cache on, compiling the same bytes
     * again returns the same {@link Module} (see {@link Config#compileCacheBytes()})
     *
     * @throws IllegalStateException if the cache is off
     */
    public CompileCacheStats cacheStats() {
        if (cache == null) {
            throw new IllegalStateException("the compile cache is off (Config.compileCacheBytes is 0)");
        }
        return cache.stats();
    }

    /**
     * Empties the compile cache: the cache's references go, and the code of every module nothing
     * else references is unmapped once it is collected. Does nothing when the cache is off.
     */
    public void invalidateCompileCache() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    ModuleCache cache() {
        return cache;
    }

    private Module compileUncached(byte[] wasm) {
        if (diskCache != null) {
            return new Module(this, diskCache.get(wasm, () -> compileToCode(wasm)));
        }
        return new Module(this, compileToCode(wasm));
    }

    private CompiledModule compileToCode(byte[] wasm) {
        CompileDeadline deadline = config.compileTimeout() == null ? CompileDeadline.NONE
                : CompileDeadline.after(config.compileTimeout());
        WasmModule decoded = ModuleDecoder.decode(wasm, config.features());
        try {
            return compiler.compile(decoded, deadline);
        } catch (CompileTimeoutException e) {
            throw new ResourceLimitException(ResourceLimitException.Limit.COMPILE_TIME, e.getMessage(), e);
        }
    }

    /**
     * {@return {@code module}'s compiled code and tables as bytes} (a {@code .cwasm} file, like
     * Wasmtime's {@code Module::serialize}), for {@link #deserialize} by an engine of the same
     * compiler build and settings
     */
    public byte[] serialize(Module module) {
        if (module.engine() != this) {
            throw new IllegalArgumentException("the module was compiled by another engine");
        }
        return CompiledModuleFormat.write(module.compiled(), fingerprint);
    }

    /**
     * {@return the module in {@code cwasm}}, written by {@link #serialize} (or {@code windlass
     * compile}) with this compiler build and these settings, mapped without compiling. Its code is
     * run as it is: load only files this installation wrote (as with Wasmtime's
     * {@code Module::deserialize}); a checksum catches corruption, not forgery.
     *
     * @throws InvalidCompiledModuleException if the bytes are truncated, corrupted, or from another
     *                                        build or setting
     */
    public Module deserialize(byte[] cwasm) {
        return new Module(this, CompiledModuleFormat.read(cwasm, fingerprint, config.features()));
    }
}
