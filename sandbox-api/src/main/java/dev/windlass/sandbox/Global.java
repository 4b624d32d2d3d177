package dev.windlass.sandbox;

import dev.windlass.winch.wasm.GlobalType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A Wasm global: a typed value cell in native memory, which Wasm code reads and writes
 * directly. Made by the host ({@link #create}) to be imported, or exported by an instance.
 * Values are raw bits: i32 zero-extended, f32 in the low 32 bits.
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

    /** {@return a new global of {@code type} holding {@code bits}, owned by {@code store}} */
    public static Global create(Store store, GlobalType type, long bits) {
        Objects.requireNonNull(type, "type");
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

    Store store() {
        return store;
    }

    /** {@return the address of the value, which importing contexts point at} */
    long address() {
        return cell.address();
    }

    /**
     * {@return the value's raw bits}
     *
     * @throws IllegalStateException if the store is closed or in use by another thread
     */
    public long get() {
        long bits;
        boolean claimed = store.beginAccess();
        try {
            bits = cell.get(ValueLayout.JAVA_LONG, 0);
        } finally {
            store.endAccess(claimed);
        }
        return switch (type.valType()) {
            case I32, F32 -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /**
     * Sets the value's raw bits.
     *
     * @throws IllegalStateException if the global is immutable, or the store is closed or in use by another thread
     */
    public void set(long bits) {
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
