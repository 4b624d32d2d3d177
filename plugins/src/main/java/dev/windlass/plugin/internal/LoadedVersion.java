package dev.windlass.plugin.internal;

import dev.windlass.plugin.Codec;
import dev.windlass.plugin.PluginErrorException;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.sandbox.Engine;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A version in service: its instances ({@link InstanceProvider}), its interface bindings, and
 * the count of calls inside it. After {@link #retire(Runnable)} it takes no new call, and its instances
 * are closed when the last call in flight leaves: that is how a reload drains.
 */
final class LoadedVersion {

    private final CompiledPlugin compiled;
    private final PluginLimits limits;
    private final InstanceFactory factory;
    private final InstanceProvider provider;
    private final Codec codec;
    private final Map<Class<?>, Map<Method, MethodBinding>> bindings = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;
    /** Run once the instances are closed; set by {@link #retire}. */
    private volatile Runnable whenClosed = () -> { };

    /** @throws dev.windlass.plugin.PluginLoadException if the module cannot be linked */
    LoadedVersion(CompiledPlugin compiled, Engine engine, PluginOptions options, Codec codec) {
        this.compiled = compiled;
        this.limits = options.limits();
        this.codec = codec;
        String name = compiled.version().plugin();
        this.factory = new InstanceFactory(name, compiled.version().sha256(), engine, compiled.module(),
                compiled.shape(), options);
        this.provider = InstanceProvider.of(factory, options, name);
    }

    CompiledPlugin compiled() {
        return compiled;
    }

    InstanceFactory factory() {
        return factory;
    }

    InstanceProvider provider() {
        return provider;
    }

    /**
     * {@return {@code iface}'s bindings to this version}, made at the first request
     *
     * @throws dev.windlass.plugin.PluginBindingException if the interface does not fit the module
     */
    Map<Method, MethodBinding> binding(Class<?> iface) {
        Map<Method, MethodBinding> bound = bindings.get(iface);
        if (bound == null) {
            bound = InterfaceBinder.bind(iface, compiled.shape(), compiled.version().plugin(),
                    compiled.version().sha256(), codec);
            bindings.putIfAbsent(iface, bound);
        }
        return bound;
    }

    /**
     * Calls {@code method} of {@code iface}; the caller has {@linkplain #tryEnter() entered}.
     *
     * @param fuelUsed where the fuel the call consumed is written (element 0), if guest code ran
     */
    Object call(Class<?> iface, Method method, Object[] args, long[] fuelUsed) {
        MethodBinding binding = binding(iface).get(method);
        Object[] prepared = ArgumentEncoder.encode(binding, args, limits.maxInputBytes());
        PluginInstance instance = provider.acquire();
        boolean reusable = false;
        try {
            Object result = GuestCall.run(binding, instance, prepared, limits);
            reusable = true;
            return result;
        } catch (PluginErrorException reported) {
            reusable = true; // the guest answered, with an error: its state is what it chose
            throw reported;
        } finally {
            fuelUsed[0] = instance.fuelUsed();
            provider.release(instance, reusable);
        }
    }

    /** {@return whether a call may run in this version}; if so it must {@link #exit()} */
    boolean tryEnter() {
        inFlight.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            closeInstances();
        }
    }

    /**
     * Takes no new call; closes the instances now, or when the last call in flight exits, and
     * then runs {@code whenClosed} (on the thread of that last call).
     */
    void retire(Runnable whenClosed) {
        this.whenClosed = whenClosed;
        retired = true;
        if (inFlight.get() == 0) {
            closeInstances();
        }
    }

    private void closeInstances() {
        if (closed.compareAndSet(false, true)) {
            try {
                provider.close();
            } finally {
                whenClosed.run();
            }
        }
    }
}
