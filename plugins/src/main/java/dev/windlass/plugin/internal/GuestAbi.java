package dev.windlass.plugin.internal;

/** How a plugin's exports take and give bytes; detected from the module's imports ({@link ModuleShape#abi()}). */
public enum GuestAbi {
    /**
     * The canonical ABI's core lowering (wit-bindgen): numbers as Wasm values, bytes through
     * {@code cabi_realloc} and {@code (ptr, len)} pairs in the guest's memory.
     */
    WINDLASS,
    /**
     * Extism's: exports {@code () -> i32} that read one input and write one output through the
     * {@code extism:host/env} kernel (here on the host), 0 for success.
     */
    EXTISM
}
