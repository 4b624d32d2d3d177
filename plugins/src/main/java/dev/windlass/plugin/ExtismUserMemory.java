package dev.windlass.plugin;

import dev.windlass.plugin.internal.ExtismHostFunctions;
import java.nio.charset.StandardCharsets;

/**
 * The Extism kernel's memory, for host functions an Extism plugin imports from
 * {@code extism:host/user} (defined through {@link PluginImports}): their arguments and results
 * are kernel offsets (i64), as Extism's host SDKs pass them. Valid only on the thread of a host
 * function called by an Extism plugin, during that call.
 *
 * <pre>{@code
 * PluginImports imports = linker -> linker.define("extism:host/user", "upper",
 *         new FuncType(List.of(ValType.I64), List.of(ValType.I64)),
 *         call -> call.setI64(0, ExtismUserMemory.allocate(ExtismUserMemory.string(call.i64(0)).toUpperCase())));
 * }</pre>
 */
public final class ExtismUserMemory {

    private ExtismUserMemory() {
    }

    /**
     * {@return a copy of the block at {@code offset}}: empty if no block starts there (as Extism's {@code length})
     *
     * @throws IllegalStateException if no Extism plugin call is running on this thread
     */
    public static byte[] bytes(long offset) {
        return ExtismHostFunctions.currentBlock(offset);
    }

    /** {@return the block at {@code offset} as UTF-8 text}; see {@link #bytes(long)} */
    public static String string(long offset) {
        return new String(bytes(offset), StandardCharsets.UTF_8);
    }

    /**
     * {@return the offset of a new block holding {@code data}}, 0 if the kernel's memory is full
     *
     * @throws IllegalStateException if no Extism plugin call is running on this thread
     */
    public static long allocate(byte[] data) {
        return ExtismHostFunctions.currentAllocate(data);
    }

    /** {@return the offset of a new block holding {@code text} in UTF-8}; see {@link #allocate(byte[])} */
    public static long allocate(String text) {
        return allocate(text.getBytes(StandardCharsets.UTF_8));
    }
}
