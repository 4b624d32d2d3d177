package dev.windlass.plugin;

import dev.windlass.plugin.internal.JsonCodec;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * Turns the values of a {@link WasmPlugin} method that are neither Wasm numbers nor
 * {@code String}, {@code byte[]} or {@link java.nio.ByteBuffer} (records, classes, lists...)
 * into bytes for guest memory, and a result's bytes back. Implementations must be thread-safe.
 */
public interface Codec {

    /**
     * {@return {@code value}'s bytes}
     *
     * @param value the argument, may be null
     * @param type  the parameter's declared (generic) type
     * @throws RuntimeException if the value cannot be encoded; the call fails before reaching the guest
     */
    byte[] encode(Object value, Type type);

    /**
     * {@return the value the guest's {@code bytes} stand for}
     *
     * @param bytes the result's bytes, copied out of guest memory (the codec may keep them)
     * @param type  the method's declared (generic) result type
     * @throws RuntimeException if the bytes are not a value of {@code type}; the call then fails
     *                          with {@link PluginAbiException}
     */
    Object decode(byte[] bytes, Type type);

    /**
     * {@return JSON through Jackson 3 ({@code tools.jackson.databind})}
     *
     * @throws IllegalStateException if Jackson is not on the class or module path
     */
    static Codec json() {
        return jsonIfAvailable().orElseThrow(() -> new IllegalStateException(
                "Codec.json() needs tools.jackson.core:jackson-databind (3.x) on the class or module path"));
    }

    /** {@return JSON through Jackson if it is present}, else empty */
    static Optional<Codec> jsonIfAvailable() {
        return JsonCodec.create();
    }
}
