package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginUnavailableException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link dev.windlass.plugin.InstancePolicy#SHARED}: one instance, calls one at a time in
 * arrival order (a fair lock, which virtual threads wait on without pinning a carrier). The
 * instance is made by the first call and again by the first call after one failed.
 */
final class SharedInstance implements InstanceProvider {

    private final InstanceFactory factory;
    private final String plugin;
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Guarded by {@link #turn}. */
    private PluginInstance instance;
    private boolean closed;

    SharedInstance(InstanceFactory factory, String plugin) {
        this.factory = factory;
        this.plugin = plugin;
    }

    @Override
    public PluginInstance acquire() {
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException(plugin, null, "interrupted while waiting for the shared instance");
        }
        try {
            if (closed) {
                throw new IllegalStateException("the shared instance of " + plugin + " is closed");
            }
            if (instance == null) {
                instance = factory.create(false);
            }
            return instance;
        } catch (RuntimeException e) {
            turn.unlock();
            throw e;
        }
    }

    @Override
    public void release(PluginInstance used, boolean reusable) {
        try {
            if (!reusable && used == instance) {
                instance = null;
                used.close();
            }
        } finally {
            turn.unlock();
        }
    }

    @Override
    public void prewarm(int instances) {
        if (instances > 0) {
            release(acquire(), true);
        }
    }

    @Override
    public void close() {
        turn.lock();
        try {
            closed = true;
            if (instance != null) {
                instance.close();
                instance = null;
            }
        } finally {
            turn.unlock();
        }
    }
}
