package dev.windlass.winch.isa;

import java.util.Arrays;

/**
 * The constants of one function: 16-byte entries, deduplicated by value with an open-addressing
 * hash over primitive arrays (no boxing). Every entry takes a whole 16-byte slot, whatever its
 * natural size, so that any of them may be the memory operand of a 128-bit instruction
 * ({@code andps}, {@code pxor}), which needs 16 readable, 16-byte-aligned bytes.
 */
final class ConstantPool {

    static final int ENTRY_SIZE = 16;

    private long[] lows = new long[16];
    private long[] highs = new long[16];
    private int count;
    /** Slot + 1 of the entry hashed there, 0 when empty; the length is a power of two. */
    private int[] hashTable = new int[32];

    /** {@return the slot of the constant {@code (low, high)}, adding it if it is new} */
    int slotOf(long low, long high) {
        int mask = hashTable.length - 1;
        for (int probe = hash(low, high) & mask; ; probe = (probe + 1) & mask) {
            int entry = hashTable[probe];
            if (entry == 0) {
                int slot = append(low, high);
                hashTable[probe] = slot + 1;
                if (count * 2 > hashTable.length) {
                    rehash(hashTable.length * 2);
                }
                return slot;
            }
            if (lows[entry - 1] == low && highs[entry - 1] == high) {
                return entry - 1;
            }
        }
    }

    int count() {
        return count;
    }

    /** Writes every entry, in slot order, little-endian, starting at {@code offset}. */
    void writeTo(byte[] code, int offset) {
        for (int slot = 0; slot < count; slot++) {
            int at = offset + slot * ENTRY_SIZE;
            Bytes.putLong(code, at, lows[slot]);
            Bytes.putLong(code, at + 8, highs[slot]);
        }
    }

    void clear() {
        if (count > 0) {
            Arrays.fill(hashTable, 0);
            count = 0;
        }
    }

    private int append(long low, long high) {
        if (count == lows.length) {
            lows = Arrays.copyOf(lows, count * 2);
            highs = Arrays.copyOf(highs, count * 2);
        }
        lows[count] = low;
        highs[count] = high;
        return count++;
    }

    private void rehash(int newLength) {
        hashTable = new int[newLength];
        int mask = newLength - 1;
        for (int slot = 0; slot < count; slot++) {
            int probe = hash(lows[slot], highs[slot]) & mask;
            while (hashTable[probe] != 0) {
                probe = (probe + 1) & mask;
            }
            hashTable[probe] = slot + 1;
        }
    }

    private static int hash(long low, long high) {
        long mixed = (low * 0x9E3779B97F4A7C15L) ^ (high * 0xC2B2AE3D27D4EB4FL);
        return (int) (mixed ^ (mixed >>> 29));
    }
}
