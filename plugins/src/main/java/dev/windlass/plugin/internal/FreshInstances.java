package dev.windlass.plugin.internal;

/**
 * {@link dev.windlass.plugin.InstancePolicy#PER_CALL}: a new instance in a new store for every
 * call, confined to the calling thread, closed when the call returns. Nothing is kept, so no
 * call can see another's memory, globals or WASI descriptors.
 */
final class FreshInstances implements InstanceProvider {

    private final InstanceFactory factory;

    FreshInstances(InstanceFactory factory) {
        this.factory = factory;
    }

    @Override
    public PluginInstance acquire() {
        return factory.create(true);
    }

    @Override
    public void release(PluginInstance instance, boolean reusable) {
        instance.close();
    }

    @Override
    public void close() {
        // nothing is kept
    }
}
