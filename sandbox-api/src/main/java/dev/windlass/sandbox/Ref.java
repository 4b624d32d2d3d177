package dev.windlass.sandbox;

/**
 * A reference value as the API hands it out and takes it back: a {@link Func} for a
 * {@code funcref}, an {@link ExternRef} for an {@code externref}. Never a native address: each
 * knows the {@link Store} it belongs to, and every API that takes one checks it, so a
 * reference of one store can never reach the code or tables of another.
 *
 * <p><b>Null.</b> The null reference is Java {@code null}, typed by where it goes or comes from:
 * every slot that holds a reference (a table's elements, a global, a parameter or result) has a
 * declared reference type, so {@code table.set(0, null)} on a {@code funcref} table stores a
 * null {@code funcref}, and {@code get} on an {@code externref} table returns {@code null} for a
 * null {@code externref}.
 *
 * <p>Where a reference goes into a slot of the wrong type (an {@code ExternRef} into a
 * {@code funcref} table) or into another store, the API throws {@link IllegalArgumentException},
 * the latter with the message {@code "object used with the wrong store"} (as Wasmtime panics).
 */
public sealed interface Ref permits Func, ExternRef {

    /** {@return the store this reference belongs to} */
    Store store();
}
