package dev.windlass.sandbox;

/**
 * The fixture of the interruption tests: an engine with epoch interruption, a store, and
 * {@code wat/metering.wat} ({@link MeteringModule}) instantiated in it. Closing it closes the
 * store and the engine.
 */
record InterruptibleInstance(Engine engine, Store store, Instance instance) implements AutoCloseable {

    static InterruptibleInstance create() {
        Engine engine = Engine.create(Config.builder().epochInterruption(true).build());
        Store store = Store.create(engine);
        return new InterruptibleInstance(engine, store, MeteringModule.instantiate(store, value -> { }));
    }

    Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    @Override
    public void close() {
        store.close();
        engine.close();
    }
}
