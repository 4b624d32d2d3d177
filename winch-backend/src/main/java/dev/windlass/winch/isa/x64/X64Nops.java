package dev.windlass.winch.isa.x64;

import dev.windlass.winch.isa.PaddingFiller;

/**
 * The recommended multi-byte no-ops: Intel's {@code nop r/m} sequences for 1 to 9 bytes (SDM,
 * "NOP—No Operation"), then, as GNU as and AMD's optimization guide do, a CS segment override
 * and 0x66 prefixes in front of the 9-byte form for 10 to 15 bytes.
 */
final class X64Nops {

    /** The longest no-op used for padding; more than three prefixes decode slowly on some cores. */
    static final int LONGEST_PADDING_NOP = 11;

    static final PaddingFiller PADDING = X64Nops::fill;

    private static final byte[][] NOPS = {
            {},
            {(byte) 0x90},
            {0x66, (byte) 0x90},
            {0x0F, 0x1F, 0x00},
            {0x0F, 0x1F, 0x40, 0x00},
            {0x0F, 0x1F, 0x44, 0x00, 0x00},
            {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
            {0x0F, 0x1F, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
            {0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
            {0x66, 0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
            withPrefixes(1),
            withPrefixes(2),
            withPrefixes(3),
            withPrefixes(4),
            withPrefixes(5),
            withPrefixes(6),
    };

    private X64Nops() {
    }

    /** {@return the one no-op instruction of {@code length} bytes, within [1, 15]} (do not modify) */
    static byte[] nop(int length) {
        return NOPS[length];
    }

    /** Fills a gap of any length with as few no-ops as {@link #LONGEST_PADDING_NOP} allows. */
    static void fill(byte[] code, int offset, int length) {
        while (length > 0) {
            int chunk = Math.min(length, LONGEST_PADDING_NOP);
            System.arraycopy(NOPS[chunk], 0, code, offset, chunk);
            offset += chunk;
            length -= chunk;
        }
    }

    /** {@code 66 * count, 2E, 0F 1F 84 00 00000000}: nop word cs:[rax+rax*1+0]. */
    private static byte[] withPrefixes(int operandSizePrefixes) {
        byte[] nop = new byte[operandSizePrefixes + 9];
        for (int i = 0; i < operandSizePrefixes; i++) {
            nop[i] = 0x66;
        }
        byte[] tail = {0x2E, 0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00};
        System.arraycopy(tail, 0, nop, operandSizePrefixes, tail.length);
        return nop;
    }
}
