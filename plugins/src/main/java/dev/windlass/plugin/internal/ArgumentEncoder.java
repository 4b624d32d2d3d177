package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginLimitExceededException;
import dev.windlass.plugin.PluginLimitExceededException.Limit;
import java.nio.ByteBuffer;

/**
 * Turns a call's Java arguments into what crosses into Wasm, before any instance is taken: a
 * {@code Long} holding a number's raw core value, or the {@code byte[]} to write into guest
 * memory. Checks the input limit here, so an oversized argument never reaches the guest.
 */
final class ArgumentEncoder {

    private static final long I32_MASK = 0xFFFF_FFFFL;

    private ArgumentEncoder() {
    }

    /**
     * {@return one raw value or byte array per argument}
     *
     * @throws PluginLimitExceededException if an argument's bytes exceed {@code maxInputBytes}
     * @throws NullPointerException         if an argument passed through memory is null (codec values excepted)
     * @throws IllegalArgumentException     if a string holds an unpaired surrogate
     */
    static Object[] encode(MethodBinding binding, Object[] args, int maxInputBytes) {
        int count = binding.params().size();
        Object[] prepared = new Object[count];
        for (int i = 0; i < count; i++) {
            Object arg = args[i];
            Object value = switch (binding.params().get(i)) {
                case INT -> (long) (Integer) arg & I32_MASK;
                case LONG -> (Long) arg;
                case FLOAT -> Float.floatToRawIntBits((Float) arg) & I32_MASK;
                case DOUBLE -> Double.doubleToRawLongBits((Double) arg);
                case BOOLEAN -> (Boolean) arg ? 1L : 0L;
                case STRING -> Utf8.encode(nonNull(binding, i, (String) arg));
                case BYTES -> nonNull(binding, i, (byte[]) arg);
                case BYTE_BUFFER -> remaining(nonNull(binding, i, (ByteBuffer) arg));
                case CODEC -> binding.codec().encode(arg, binding.paramTypes()[i]);
                case VOID -> throw new AssertionError("void parameter");
            };
            if (value instanceof byte[] bytes && bytes.length > maxInputBytes) {
                throw new PluginLimitExceededException(binding.plugin(), binding.version(), binding.export(),
                        Limit.INPUT_BYTES, maxInputBytes, bytes.length, null);
            }
            prepared[i] = value;
        }
        return prepared;
    }

    private static <T> T nonNull(MethodBinding binding, int index, T value) {
        if (value == null) {
            throw new NullPointerException("argument " + index + " of " + InterfaceBinder.describe(binding.method())
                    + " is null; strings and bytes cannot be null");
        }
        return value;
    }

    /** {@return the buffer's remaining bytes}; its position is left as it was */
    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
