package dev.windlass.plugin.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Extism kernel's memory, kept on the host: a byte array the guest reaches only through
 * the {@code extism:host/env} functions, addressed by 64-bit offsets, with an allocator of
 * blocks (a bump pointer, and freed blocks reused first-fit). Offset 0 is null, so data starts
 * at {@link #BASE}. It grows on demand up to a cap (the plugin's memory limit); an allocation
 * past the cap returns 0, as Extism's does when {@code memory.grow} fails.
 *
 * <p>Unlike Extism's kernel, which is itself Wasm, nothing here trusts an offset: loads, stores
 * and ranges outside the allocated area throw {@link ExtismViolation}, which becomes a
 * {@link dev.windlass.plugin.PluginAbiException}. Not thread-safe (one call at a time per instance).
 */
final class ExtismMemory {

    /** The first data offset: 0 means "no block" to the guest. */
    static final long BASE = 16;

    private final long cap;
    private byte[] bytes = new byte[4096];
    /** The end of the allocated area: every block lies in [BASE, top). */
    private long top = BASE;
    /** Blocks by data offset. */
    private final TreeMap<Long, Block> blocks = new TreeMap<>();

    private static final class Block {
        final long size;
        long used;
        boolean active;

        Block(long size) {
            this.size = size;
            this.used = size;
            this.active = true;
        }
    }

    /** @param cap the most bytes the memory may hold, at least {@link #BASE} */
    ExtismMemory(long cap) {
        this.cap = Math.min(cap, Integer.MAX_VALUE - 8);
    }

    /** {@return the offset of a new block of {@code length} bytes}, 0 for length 0 or when the cap is reached */
    long alloc(long length) {
        if (length <= 0) {
            return 0;
        }
        for (Map.Entry<Long, Block> entry : blocks.entrySet()) {
            Block block = entry.getValue();
            if (!block.active && block.size >= length) {
                block.active = true;
                block.used = length;
                Arrays.fill(bytes, entry.getKey().intValue(), (int) (entry.getKey() + length), (byte) 0);
                return entry.getKey();
            }
        }
        if (length > cap - top) {
            return 0;
        }
        long offset = top;
        ensureCapacity(top + length);
        top += length;
        blocks.put(offset, new Block(length));
        return offset;
    }

    private void ensureCapacity(long needed) {
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.min(cap, (long) bytes.length * 2));
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    /** Frees the block at {@code offset}; any other offset is ignored, as Extism does. */
    void free(long offset) {
        Block block = blocks.get(offset);
        if (block != null) {
            block.active = false;
        }
    }

    /** {@return the length of the active block at {@code offset}}, 0 if there is none */
    long length(long offset) {
        Block block = blocks.get(offset);
        return block != null && block.active ? block.used : 0;
    }

    /** {@return a new block holding {@code data}}, 0 if it does not fit */
    long allocBytes(byte[] data) {
        long offset = alloc(data.length);
        if (offset != 0) {
            System.arraycopy(data, 0, bytes, (int) offset, data.length);
        }
        return offset;
    }

    /** {@return the bytes of the block at {@code offset}}: empty if it is not an active block */
    byte[] blockBytes(long offset) {
        return read(offset, length(offset));
    }

    /**
     * {@return a copy of {@code [offset, offset + length)}}
     *
     * @throws ExtismViolation if the range leaves the allocated area
     */
    byte[] read(long offset, long length) {
        check(offset, length, "read");
        return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
    }

    int loadU8(long offset) {
        check(offset, 1, "load_u8");
        return bytes[(int) offset] & 0xFF;
    }

    long loadU64(long offset) {
        check(offset, 8, "load_u64");
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[(int) offset + i] & 0xFF);
        }
        return value;
    }

    void storeU8(long offset, int value) {
        check(offset, 1, "store_u8");
        bytes[(int) offset] = (byte) value;
    }

    void storeU64(long offset, long value) {
        check(offset, 8, "store_u64");
        for (int i = 0; i < 8; i++) {
            bytes[(int) offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /**
     * Checks that {@code [offset, offset + length)} lies in the allocated area.
     *
     * @throws ExtismViolation if it does not
     */
    void check(long offset, long length, String operation) {
        if (offset < BASE || length < 0 || length > top - offset) {
            throw new ExtismViolation(operation + " of " + length + " bytes at offset " + Long.toUnsignedString(offset)
                    + " is outside the kernel memory [" + BASE + ", " + top + ")");
        }
    }

    /** {@return the most bytes the memory may hold} */
    long cap() {
        return cap;
    }

    /** {@return the bytes allocated so far} (Extism's {@code memory_bytes}) */
    long allocated() {
        return top - BASE;
    }

    /** Frees every block and zeroes what they held, so nothing of one call is left for the next. */
    void reset() {
        Arrays.fill(bytes, 0, (int) top, (byte) 0);
        blocks.clear();
        top = BASE;
    }

    /** A guest's kernel access that leaves the kernel memory, or another misuse of the kernel. */
    static final class ExtismViolation extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ExtismViolation(String message) {
            super(message);
        }
    }
}
