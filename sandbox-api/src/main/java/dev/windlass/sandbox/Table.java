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
 *
 * <p>The API speaks {@link Ref}s, never those bits: a {@code funcref} table takes and gives
 * {@link Func}s, an {@code externref} table {@link ExternRef}s, both of the table's store, and
 * {@code null} for the null reference of the table's type. A reference of the wrong type or of
 * another store is an {@link IllegalArgumentException}.
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

    /**
     * {@return a new table of {@code type}, every element {@code initialRef} (null: the null
     * reference), owned by {@code store}}
     *
     * @throws IllegalArgumentException if {@code initialRef} is not of the type's element type
     *                                  or belongs to another store
     */
    public static Table create(Store store, TableType type, Ref initialRef) {
        Objects.requireNonNull(type, "type");
        long bits = store.refBits(initialRef, type.elementType());
        boolean claimed = store.beginAccess();
        try {
            return new Table(store, type, store.allocate(16), bits);
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

    /** {@return the store the table belongs to} */
    public Store store() {
        return store;
    }

    long definitionAddress() {
        return definition.address();
    }

    public long size() {
        return size;
    }

    /**
     * {@return element {@code index}}: a {@link Func} in a {@code funcref} table, an
     * {@link ExternRef} in an {@code externref} one, or {@code null}
     *
     * @throws IndexOutOfBoundsException if it is not below {@link #size()}
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public Ref get(long index) {
        boolean claimed = store.beginAccess();
        try {
            return store.ref(entries.getAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, size)),
                    type.elementType());
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Sets element {@code index} to {@code ref} (null: the null reference).
     *
     * @throws IndexOutOfBoundsException if it is not below {@link #size()}
     * @throws IllegalArgumentException  if {@code ref} is not of the table's element type or
     *                                   belongs to another store
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public void set(long index, Ref ref) {
        long bits = store.refBits(ref, type.elementType());
        boolean claimed = store.beginAccess();
        try {
            setUnclaimed(index, bits);
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Sets the {@code length} elements from {@code index} to {@code ref} (null: the null
     * reference), as {@code table.fill} does: all or nothing.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the table
     * @throws IllegalArgumentException  if {@code ref} is not of the table's element type or
     *                                   belongs to another store
     * @throws IllegalStateException     if the store is closed or in use by another thread
     */
    public void fill(long index, Ref ref, long length) {
        long bits = store.refBits(ref, type.elementType());
        boolean claimed = store.beginAccess();
        try {
            if (index < 0 || length < 0 || !fillChecked(index, bits, length)) {
                throw new IndexOutOfBoundsException("elements [" + index + ", " + index + " + " + length
                        + ") of a table of " + size);
            }
        } finally {
            store.endAccess(claimed);
        }
    }

    /** {@link #set} for the runtime, which holds the store's claim already. */
    void setUnclaimed(long index, long ref) {
        entries.setAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, size), ref);
    }

    /**
     * Grows by {@code delta} elements set to {@code initialRef} (null: the null reference);
     * {@return the previous size, or -1} if the table cannot grow so far (or {@code delta} is negative)
     *
     * @throws IllegalArgumentException if {@code initialRef} is not of the table's element type
     *                                  or belongs to another store
     * @throws IllegalStateException    if the store is closed or in use by another thread
     */
    public long grow(long delta, Ref initialRef) {
        long bits = store.refBits(initialRef, type.elementType());
        boolean claimed = store.beginAccess();
        try {
            return growUnclaimed(delta, bits);
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
