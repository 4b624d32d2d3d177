package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginUnavailableException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * {@link dev.windlass.plugin.InstancePolicy#POOLED}: at most {@code size} instances, each
 * serving one call at a time. A call takes a permit (waiting when all are busy: waiting calls
 * are served in order, but a call arriving just as a permit frees may take it first, which
 * keeps a busy pool from handing every permit through a thread switch), then the most recently
 * used idle instance (warm caches) or a new one. An instance goes
 * back idle after a successful call, and is closed after a failed one or its last allowed use.
 */
final class InstancePool implements InstanceProvider {

    private final InstanceFactory factory;
    private final int maxUses;
    private final String plugin;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PluginInstance> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    InstancePool(InstanceFactory factory, int size, int maxUses, String plugin) {
        this.factory = factory;
        this.maxUses = maxUses;
        this.plugin = plugin;
        this.permits = new Semaphore(size, false);
    }

    @Override
    public PluginInstance acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException(plugin, null, "interrupted while waiting for a pooled instance");
        }
        try {
            PluginInstance instance = idle.pollFirst();
            return instance != null ? instance : factory.create(false);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void release(PluginInstance instance, boolean reusable) {
        try {
            if (reusable && !closed && instance.countCall() < maxUses) {
                idle.addFirst(instance);
                if (closed && idle.remove(instance)) {
                    instance.close(); // close() ran between the check and the add
                }
            } else {
                instance.close();
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void prewarm(int instances) {
        for (int i = 0; i < instances; i++) {
            idle.addLast(factory.create(false));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (PluginInstance instance; (instance = idle.pollFirst()) != null; ) {
            instance.close();
        }
    }
}
