package dev.windlass.sandbox;

import java.util.Objects;

/**
 * An {@code externref}: a host object handed to Wasm code, which can only pass it around, store
 * it in tables and globals, and hand it back. Made with {@link #of}; belongs to one store.
 *
 * <p>Inside the store it is a small handle (an index into the store's list of such objects),
 * never an address: Wasm code cannot make one up (no instruction turns a number into an
 * {@code externref}), and the API converts every handle back to this object. The store keeps
 * every {@code ExternRef} made in it until it closes (there is no collector of Wasm references
 * yet), so make one per host object, not one per call, in long-lived stores.
 */
public final class ExternRef implements Ref {

    private final Store store;
    private final Object value;
    /** The handle code sees: 1-based, since 0 is the null reference. */
    private final long handle;

    ExternRef(Store store, Object value, long handle) {
        this.store = store;
        this.value = value;
        this.handle = handle;
    }

    /**
     * {@return a new reference to {@code value}, usable in {@code store} only}
     *
     * @throws NullPointerException  if {@code value} is null (the null reference is Java {@code null})
     * @throws IllegalStateException if the store is closed or in use by another thread
     */
    public static ExternRef of(Store store, Object value) {
        Objects.requireNonNull(value, "value (the null externref is Java null)");
        return store.newExternRef(value);
    }

    /** {@return the host object} */
    public Object value() {
        return value;
    }

    @Override
    public Store store() {
        return store;
    }

    long handle() {
        return handle;
    }

    @Override
    public String toString() {
        return "ExternRef[" + value + "]";
    }
}
