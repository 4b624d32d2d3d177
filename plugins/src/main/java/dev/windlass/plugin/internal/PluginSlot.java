package dev.windlass.plugin.internal;

import dev.windlass.plugin.Codec;
import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginLimitExceededException;
import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.plugin.PluginLoadException;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginUnavailableException;
import dev.windlass.plugin.PluginVersion;
import dev.windlass.sandbox.Engine;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One plugin name in the registry: the version in service, the versions before it (for
 * rollback), the interfaces bound to it, and the bound on concurrent calls. Swaps are
 * serialized (one at a time per plugin) and atomic for callers: a call enters exactly one
 * version and stays there; the replaced version drains and closes its instances.
 */
public final class PluginSlot {

    private final String name;
    private final Engine engine;
    private final PluginOptions options;
    private final Codec codec;
    private final PluginEvents events;
    private final PluginSource source;
    private final int historySize;
    private final Semaphore concurrency;
    private final AtomicReference<LoadedVersion> current = new AtomicReference<>();
    /** Versions replaced by swaps, newest first; guarded by {@code this}. */
    private final Deque<CompiledPlugin> history = new ArrayDeque<>();
    private final Set<Class<?>> interfaces = ConcurrentHashMap.newKeySet();
    /** Versions taken out of service whose calls have not all returned. */
    private final Set<LoadedVersion> draining = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public PluginSlot(String name, Engine engine, PluginOptions options, Codec codec, PluginEvents events,
                      PluginSource source, int historySize) {
        this.name = name;
        this.events = events;
        this.engine = engine;
        this.options = options;
        this.codec = codec;
        this.source = source;
        this.historySize = historySize;
        int maxCalls = options.limits().maxConcurrentCalls();
        this.concurrency = maxCalls == Integer.MAX_VALUE ? null : new Semaphore(maxCalls);
    }

    public String name() {
        return name;
    }

    public PluginSource source() {
        return source;
    }

    /** {@return the version in service}, empty before the first load and after close */
    public Optional<PluginVersion> version() {
        LoadedVersion version = current.get();
        return version == null ? Optional.empty() : Optional.of(version.compiled().version());
    }

    /**
     * Compiles {@code wasm}, checks it (links, instantiates, runs the smoke export, fits every
     * bound interface) and puts it in service; the replaced version drains. {@return the new version}
     *
     * @param origin where these bytes came from (the plugin's source, or bytes the caller gave)
     * @throws PluginLoadException if any check fails; the version in service stays
     */
    public synchronized PluginVersion install(byte[] wasm, PluginSource origin) {
        checkOpen();
        try {
            CompiledPlugin compiled = PluginCompiler.compile(name, wasm, origin, engine);
            swapTo(compiled, true);
            return compiled.version();
        } catch (PluginLoadException e) {
            events.loadFailed(name, e);
            throw e;
        }
    }

    /**
     * Puts the version before the current one back in service. {@return it}
     *
     * @throws IllegalStateException if there is no earlier version
     * @throws PluginLoadException   if it no longer passes its checks (an interface bound since does not fit)
     */
    public synchronized PluginVersion rollback() {
        checkOpen();
        CompiledPlugin previous = history.peekFirst();
        if (previous == null) {
            throw new IllegalStateException("plugin " + name + " has no earlier version to roll back to");
        }
        try {
            swapTo(previous, false);
        } catch (PluginLoadException e) {
            events.loadFailed(name, e);
            throw e;
        }
        history.removeFirst();
        return previous.version();
    }

    private void swapTo(CompiledPlugin compiled, boolean remember) {
        LoadedVersion next = new LoadedVersion(compiled, engine, options, codec);
        check(next);
        prewarm(next);
        LoadedVersion old = current.getAndSet(next);
        events.versionLoaded(compiled.version(), old == null ? null : old.compiled().version());
        if (old != null) {
            if (remember) {
                history.addFirst(old.compiled());
                while (history.size() > historySize) {
                    history.removeLast();
                }
            }
            retire(old);
        }
    }

    private void retire(LoadedVersion version) {
        draining.add(version);
        version.retire(() -> draining.remove(version));
    }

    /** {@return how many replaced versions still have calls in flight} (their instances close when those return) */
    public int drainingVersions() {
        return draining.size();
    }

    /** Binds every interface bound so far to {@code next}, instantiates it once, runs its smoke export. */
    private void check(LoadedVersion next) {
        PluginVersion version = next.compiled().version();
        for (Class<?> iface : interfaces) {
            try {
                next.binding(iface);
            } catch (PluginException e) {
                throw new PluginLoadException(name, version.sha256(), "the new version does not fit "
                        + iface.getName() + ", which is bound to this plugin: " + e.getMessage(), e);
            }
        }
        try (PluginInstance probe = next.factory().create(false)) {
            if (options.smokeExport() != null) {
                SmokeTest.run(probe, options, version);
            }
        } catch (PluginLoadException e) {
            throw e;
        } catch (PluginException e) {
            throw new PluginLoadException(name, version.sha256(), "the new version failed its checks: "
                    + e.getMessage(), e);
        }
    }

    /** Makes {@code next}'s idle instances; if that fails, closes those it made and refuses the version. */
    private void prewarm(LoadedVersion next) {
        try {
            next.provider().prewarm(options.minIdle());
        } catch (PluginException e) {
            next.provider().close();
            throw new PluginLoadException(name, next.compiled().version().sha256(),
                    "cannot make its idle instances: " + e.getMessage(), e);
        }
    }

    /**
     * Binds {@code iface} to the version in service and to every later one.
     *
     * @throws dev.windlass.plugin.PluginBindingException if it does not fit
     * @throws PluginUnavailableException                 if no version is in service
     */
    public synchronized void bind(Class<?> iface) {
        LoadedVersion version = current.get();
        if (version == null || closed) {
            throw new PluginUnavailableException(name, null, "not loaded");
        }
        version.binding(iface);
        interfaces.add(iface);
    }

    /**
     * Calls {@code method} of {@code iface} in the version in service when the call starts.
     *
     * @throws PluginLimitExceededException if the plugin already runs its most concurrent calls
     * @throws PluginUnavailableException   if the plugin was unloaded or the registry closed
     */
    public Object call(Class<?> iface, Method method, Object[] args) {
        long start = System.nanoTime();
        PluginEvents.CallEvent event = PluginEvents.beginCall();
        long[] fuelUsed = {-1};
        String served = null;
        Throwable failure = null;
        try {
            if (concurrency != null && !concurrency.tryAcquire()) {
                throw new PluginLimitExceededException(name, version().map(PluginVersion::sha256).orElse(null),
                        InterfaceBinder.exportName(method), Limit.CONCURRENT_CALLS,
                        options.limits().maxConcurrentCalls(), -1, null);
            }
            try {
                LoadedVersion version = enter(method);
                served = version.compiled().version().sha256();
                try {
                    return version.call(iface, method, args, fuelUsed);
                } finally {
                    version.exit();
                }
            } finally {
                if (concurrency != null) {
                    concurrency.release();
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            events.callCompleted(event, name, served, InterfaceBinder.exportName(method), start, fuelUsed[0], failure);
        }
    }

    private LoadedVersion enter(Method method) {
        while (true) {
            LoadedVersion version = current.get();
            if (version == null) {
                throw new PluginUnavailableException(name, InterfaceBinder.exportName(method),
                        closed ? "unloaded or registry closed" : "not loaded");
            }
            if (version.tryEnter()) {
                return version;
            }
            Thread.onSpinWait(); // retired between the read and the entry: the swap has published its successor
        }
    }

    /** Takes the plugin out of service: no new call enters; calls in flight finish, then its instances close. */
    public synchronized void close() {
        closed = true;
        LoadedVersion version = current.getAndSet(null);
        if (version != null) {
            retire(version);
        }
        history.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new PluginUnavailableException(name, null, "unloaded or registry closed");
        }
    }
}
