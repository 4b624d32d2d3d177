package dev.windlass.sandbox;

import dev.windlass.nativemem.NativeMemoryException;
import dev.windlass.winch.wasm.TableType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A Wasm table: an array of references (8 bytes each: a function reference's address, an
 * externref handle, or 0 for null) in native memory, with its {base, length} pair (its
 * definition) where generated code reads it. Growing may move the array; the pair is updated,
 * so code and importers always see the current one. Used by one thread at a time, like its store.
 */
public final class Table {

    private final Store store;
    private final TableType type;
    private final MemorySegment definition;
    private final long maxElements;
    private MemorySegment entries;
    private long size;

    Table(Store store, TableType type, MemorySegment definition, long initialRef) {
        this.store = store;
        this.type = type;
        this.definition = definition;
        long declaredMax = type.limits().hasMax() ? type.limits().max() : 0xFFFF_FFFFL;
        this.maxElements = Math.min(declaredMax, store.engine().config().maxTableElements());
        long min = type.limits().min();
        if (min > maxElements) {
            throw new ResourceLimitException(ResourceLimitException.Limit.CONFIG_TABLE_ELEMENTS, "a table of " + min
                    + " elements exceeds the engine's limit of " + maxElements + " elements per table");
        }
        store.resources().admitTable(min);
        try {
            this.entries = store.allocate(8 * Math.max(min, 1));
        } catch (RuntimeException e) {
            store.resources().tableNotMade(min);
            throw e;
        }
        this.size = min;
        initialize(0, initialRef, min);
        publish();
    }

    /** {@return a new table of {@code type}, every element {@code initialRef}, owned by {@code store}} */
    public static Table create(Store store, TableType type, long initialRef) {
        Objects.requireNonNull(type, "type");
        boolean claimed = store.beginAccess();
        try {
            return new Table(store, type, store.allocate(16), initialRef);
        } finally {
            store.endAccess(claimed);
        }
    }

    private void publish() {
        definition.set(ValueLayout.JAVA_LONG, 0, entries.address());
        definition.set(ValueLayout.JAVA_LONG, 8, size);
    }

    public TableType type() {
        return type;
    }

    Store store() {
        return store;
    }

    long definitionAddress() {
        return definition.address();
    }

    public long size() {
        return size;
    }

    /**
     * {@return element {@code index}}
     *
     * @throws IndexOutOfBoundsException if it is not below {@link #size()}
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public long get(long index) {
        boolean claimed = store.beginAccess();
        try {
            return entries.getAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, size));
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Sets element {@code index}.
     *
     * @throws IndexOutOfBoundsException if it is not below {@link #size()}
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public void set(long index, long ref) {
        boolean claimed = store.beginAccess();
        try {
            setUnclaimed(index, ref);
        } finally {
            store.endAccess(claimed);
        }
    }

    /** {@link #set} for the runtime, which holds the store's claim already. */
    void setUnclaimed(long index, long ref) {
        entries.setAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, size), ref);
    }

    /**
     * Grows by {@code delta} elements set to {@code initialRef}; {@return the previous size, or -1}
     *
     * @throws IllegalStateException if the store is closed or in use by another thread
     */
    public long grow(long delta, long initialRef) {
        boolean claimed = store.beginAccess();
        try {
            return growUnclaimed(delta, initialRef);
        } finally {
            store.endAccess(claimed);
        }
    }

    /** {@link #grow} for the runtime, which holds the store's claim already. */
    long growUnclaimed(long delta, long initialRef) {
        if (delta < 0 || delta > maxElements - size || !store.resources().tableGrowing(size, size + delta)) {
            return -1;
        }
        long old = size;
        long needed = old + delta;
        if (8 * needed > entries.byteSize()) {
            MemorySegment larger;
            try {
                larger = store.allocate(8 * Math.max(needed, Math.min(2 * old, maxElements)));
            } catch (NativeMemoryException e) {
                store.resources().tableGrowFailed(old, needed);
                return -1; // calloc refused: Wasm sees a failed grow (anything else is an internal error)
            }
            MemorySegment.copy(entries, 0, larger, 0, 8 * old);
            entries = larger; // the old array stays allocated until the store closes
        }
        size = needed;
        initialize(old, initialRef, delta);
        publish();
        return old;
    }

    /** {@return false} if {@code [index, index + length)} is out of bounds (nothing is written then) */
    boolean fillChecked(long index, long ref, long length) {
        if (Long.compareUnsigned(index, size) > 0 || Long.compareUnsigned(length, size - index) > 0) {
            return false;
        }
        fill(index, ref, length);
        return true;
    }

    /**
     * Sets new elements, past the old size: those were never written (no operation writes past
     * the size, and the array came zeroed), so null needs no write. A large array is then zero
     * pages of an anonymous mapping (glibc's calloc maps blocks above its threshold, at most
     * 32 MiB, and does not clear them) that cost no memory until written.
     */
    private void initialize(long from, long ref, long length) {
        if (ref != 0) {
            fill(from, ref, length);
        }
    }

    private void fill(long from, long ref, long length) {
        for (long i = from; i < from + length; i++) {
            entries.setAtIndex(ValueLayout.JAVA_LONG, i, ref);
        }
    }

    /** The raw entries, for copies between tables. */
    MemorySegment entries() {
        return entries;
    }
}
