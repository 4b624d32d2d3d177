package dev.windlass.sandbox;

import dev.windlass.winch.wasm.GlobalType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A Wasm global: a typed value cell in native memory, which Wasm code reads and writes
 * directly. Made by the host ({@link #create}) to be imported, or exported by an instance.
 * A number global's value is raw bits ({@link #get}, {@link #set}): i32 zero-extended, f32 in
 * the low 32 bits. A reference global's value is a {@link Ref} ({@link #getRef},
 * {@link #setRef}), never bits: the number methods reject it, and the reference methods reject
 * number globals, with {@link IllegalArgumentException}.
 */
public final class Global {

    private final Store store;
    private final GlobalType type;
    private final MemorySegment cell;

    Global(Store store, GlobalType type, MemorySegment cell) {
        this.store = store;
        this.type = type;
        this.cell = cell;
    }

    /**
     * {@return a new number global of {@code type} holding {@code bits}, owned by {@code store}}
     *
     * @throws IllegalArgumentException if {@code type} is a reference type (use {@link #create(Store, GlobalType, Ref)})
     */
    public static Global create(Store store, GlobalType type, long bits) {
        Objects.requireNonNull(type, "type");
        requireNumber(type);
        return newGlobal(store, type, narrowed(type, bits));
    }

    /**
     * {@return a new reference global of {@code type} holding {@code ref} (null: the null
     * reference), owned by {@code store}}
     *
     * @throws IllegalArgumentException if {@code type} is a number type, or {@code ref} is not of
     *                                  it or belongs to another store
     */
    public static Global create(Store store, GlobalType type, Ref ref) {
        Objects.requireNonNull(type, "type");
        requireReference(type);
        return newGlobal(store, type, store.refBits(ref, type.valType()));
    }

    private static Global newGlobal(Store store, GlobalType type, long bits) {
        boolean claimed = store.beginAccess();
        try {
            MemorySegment cell = store.allocate(16);
            cell.set(ValueLayout.JAVA_LONG, 0, bits);
            return new Global(store, type, cell);
        } finally {
            store.endAccess(claimed);
        }
    }

    public GlobalType type() {
        return type;
    }

    /** {@return the store the global belongs to} */
    public Store store() {
        return store;
    }

    private static void requireNumber(GlobalType type) {
        if (!type.valType().isNumber()) {
            throw new IllegalArgumentException("a " + type.valType() + " global holds a reference, not bits: use getRef/setRef");
        }
    }

    private static void requireReference(GlobalType type) {
        if (!type.valType().isReference()) {
            throw new IllegalArgumentException("a " + type.valType() + " global holds a number, not a reference: use get/set");
        }
    }

    /** {@return {@code bits} with only the bits {@code type} defines}: an i32 or f32 keeps the low 32 */
    private static long narrowed(GlobalType type, long bits) {
        return switch (type.valType()) {
            case I32, F32 -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /** {@return the address of the value, which importing contexts point at} */
    long address() {
        return cell.address();
    }

    /**
     * {@return the value's raw bits} (a number global's)
     *
     * @throws IllegalArgumentException if the global holds a reference (use {@link #getRef})
     * @throws IllegalStateException    if the store is closed or in use by another thread
     */
    public long get() {
        requireNumber(type);
        return bits();
    }

    /** {@return the raw bits in the cell}, a number's narrowed to its type; for the runtime (constant expressions) */
    long bits() {
        boolean claimed = store.beginAccess();
        try {
            return narrowed(type, cell.get(ValueLayout.JAVA_LONG, 0));
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Sets the value's raw bits (a number global's; an i32's or f32's upper 32 bits are ignored).
     *
     * @throws IllegalArgumentException if the global holds a reference (use {@link #setRef})
     * @throws IllegalStateException    if the global is immutable, or the store is closed or in use by another thread
     */
    public void set(long bits) {
        requireNumber(type);
        write(narrowed(type, bits));
    }

    /**
     * {@return the reference the global holds}: a {@link Func}, an {@link ExternRef}, or null
     *
     * @throws IllegalArgumentException if the global holds a number (use {@link #get})
     * @throws IllegalStateException    if the store is closed or in use by another thread
     */
    public Ref getRef() {
        requireReference(type);
        boolean claimed = store.beginAccess();
        try {
            return store.ref(cell.get(ValueLayout.JAVA_LONG, 0), type.valType());
        } finally {
            store.endAccess(claimed);
        }
    }

    /**
     * Sets the reference the global holds (null: the null reference).
     *
     * @throws IllegalArgumentException if the global holds a number, or {@code ref} is not of its
     *                                  type or belongs to another store
     * @throws IllegalStateException    if the global is immutable, or the store is closed or in use by another thread
     */
    public void setRef(Ref ref) {
        requireReference(type);
        write(store.refBits(ref, type.valType()));
    }

    private void write(long bits) {
        if (!type.mutable()) {
            throw new IllegalStateException("global is immutable");
        }
        boolean claimed = store.beginAccess();
        try {
            cell.set(ValueLayout.JAVA_LONG, 0, bits);
        } finally {
            store.endAccess(claimed);
        }
    }
}
