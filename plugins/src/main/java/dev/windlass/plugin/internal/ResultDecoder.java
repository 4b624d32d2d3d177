package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginAbiException;
import java.nio.ByteBuffer;

/** Turns a result's bytes, copied out of the guest, into the method's Java result type. */
final class ResultDecoder {

    private ResultDecoder() {
    }

    /**
     * {@return the value of {@code bytes} as {@code binding}'s result}
     *
     * @throws PluginAbiException if a string is not valid UTF-8 or the codec cannot decode the bytes
     */
    static Object decode(MethodBinding binding, byte[] bytes) {
        return switch (binding.result()) {
            case BYTES -> bytes;
            case BYTE_BUFFER -> ByteBuffer.wrap(bytes);
            case STRING -> {
                try {
                    yield Utf8.decode(bytes);
                } catch (Utf8.MalformedUtf8 e) {
                    throw abi(binding, "the string result (" + bytes.length + " bytes) is " + e.getMessage(), e);
                }
            }
            case CODEC -> {
                try {
                    yield binding.codec().decode(bytes, binding.resultType());
                } catch (RuntimeException e) {
                    throw abi(binding, "the codec could not decode the result (" + bytes.length + " bytes) as "
                            + binding.resultType().getTypeName() + ": " + e.getMessage(), e);
                }
            }
            case VOID -> null;
            default -> throw new AssertionError(binding.result());
        };
    }

    private static PluginAbiException abi(MethodBinding binding, String detail, Throwable cause) {
        return new PluginAbiException(binding.plugin(), binding.version(), binding.export(), detail, cause);
    }
}
