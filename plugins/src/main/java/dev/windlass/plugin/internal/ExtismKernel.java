package dev.windlass.plugin.internal;

import dev.windlass.plugin.internal.ExtismMemory.ExtismViolation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Extism kernel of one instance, on the host side: its memory, the current call's input,
 * output and error, the plugin's config (read-only) and the instance's vars (kept across calls
 * on the same instance, as Extism keeps them per plugin). Driven by
 * {@link ExtismHostFunctions}; used by one call at a time.
 */
final class ExtismKernel {

    /** What Extism allows vars by default: 1 MiB of keys and values together. */
    static final long MAX_VAR_BYTES = 1 << 20;

    private final ExtismMemory memory;
    private final Map<String, String> config;
    private final Map<String, byte[]> vars = new HashMap<>();
    private final System.Logger logger;
    private long varBytes;
    private long inputOffset;
    private long inputLength;
    private long outputOffset;
    private long outputLength;
    private long error;

    ExtismKernel(long memoryCap, Map<String, String> config, System.Logger logger) {
        this.memory = new ExtismMemory(memoryCap);
        this.config = config;
        this.logger = logger;
    }

    ExtismMemory memory() {
        return memory;
    }

    /**
     * Starts a call: empties the memory (nothing of the last call remains), clears output and
     * error, and puts {@code input} in a block of its own.
     *
     * @return false if the input does not fit the memory
     */
    boolean beginCall(byte[] input) {
        memory.reset();
        outputOffset = 0;
        outputLength = 0;
        error = 0;
        inputLength = input.length;
        inputOffset = input.length == 0 ? 0 : memory.allocBytes(input);
        return input.length == 0 || inputOffset != 0;
    }

    /** Frees the block at {@code offset}; freeing the input's block empties the input, as in Extism. */
    void free(long offset) {
        memory.free(offset);
        if (offset == inputOffset && offset != 0) {
            inputLength = 0;
        }
    }

    long inputLength() {
        return inputLength;
    }

    long inputOffset() {
        return inputOffset;
    }

    int inputLoadU8(long index) {
        checkInput(index, 1, "input_load_u8");
        return memory.loadU8(inputOffset + index);
    }

    long inputLoadU64(long index) {
        checkInput(index, 8, "input_load_u64");
        return memory.loadU64(inputOffset + index);
    }

    private void checkInput(long index, long width, String operation) {
        if (index < 0 || width > inputLength - index) {
            throw new ExtismViolation(operation + " at input index " + Long.toUnsignedString(index)
                    + " is outside the input of " + inputLength + " bytes");
        }
    }

    void outputSet(long offset, long length) {
        if (length != 0) {
            memory.check(offset, length, "output_set");
        }
        outputOffset = offset;
        outputLength = length;
    }

    long outputLength() {
        return outputLength;
    }

    /** {@return the output's bytes}, empty when none was set */
    byte[] output() {
        return outputLength == 0 ? new byte[0] : memory.read(outputOffset, outputLength);
    }

    void errorSet(long offset) {
        if (offset != 0) {
            memory.check(offset, 0, "error_set");
        }
        error = offset;
    }

    long errorGet() {
        return error;
    }

    /** {@return the error message the guest set}, or null if it set none */
    String errorMessage() {
        return error == 0 ? null : new String(memory.blockBytes(error), StandardCharsets.UTF_8);
    }

    long configGet(long keyOffset) {
        String value = config.get(text(keyOffset));
        return value == null ? 0 : memory.allocBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    long varGet(long keyOffset) {
        byte[] value = vars.get(text(keyOffset));
        return value == null ? 0 : memory.allocBytes(value);
    }

    /** Sets var {@code key} to the block at {@code valueOffset}, or removes it when that is 0. */
    void varSet(long keyOffset, long valueOffset) {
        String key = text(keyOffset);
        byte[] old = vars.remove(key);
        if (old != null) {
            varBytes -= key.length() + old.length;
        }
        if (valueOffset == 0) {
            return;
        }
        byte[] value = memory.blockBytes(valueOffset);
        if (varBytes + key.length() + value.length > MAX_VAR_BYTES) {
            throw new ExtismViolation("var_set of \"" + key + "\" (" + value.length + " bytes) exceeds the "
                    + MAX_VAR_BYTES + " bytes vars may hold");
        }
        vars.put(key, value);
        varBytes += key.length() + value.length;
    }

    void log(System.Logger.Level level, long offset) {
        if (logger.isLoggable(level)) {
            logger.log(level, text(offset));
        }
    }

    /** {@return the most verbose level the logger takes, as Extism numbers them}: trace 0 ... error 4, none {@code Integer.MAX_VALUE} */
    int logLevel() {
        System.Logger.Level[] levels = {System.Logger.Level.TRACE, System.Logger.Level.DEBUG,
                System.Logger.Level.INFO, System.Logger.Level.WARNING, System.Logger.Level.ERROR};
        for (int i = 0; i < levels.length; i++) {
            if (logger.isLoggable(levels[i])) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    void reset() {
        memory.reset();
        inputOffset = 0;
        inputLength = 0;
        outputOffset = 0;
        outputLength = 0;
        error = 0;
    }

    private String text(long offset) {
        return new String(memory.blockBytes(offset), StandardCharsets.UTF_8);
    }
}
