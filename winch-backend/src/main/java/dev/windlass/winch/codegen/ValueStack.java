package dev.windlass.winch.codegen;

import java.util.Arrays;

/** The code generator's value stack: one {@link Val} per Wasm operand, bottom first. */
final class ValueStack {

    private Val[] entries = new Val[32];
    private int size;

    int size() {
        return size;
    }

    void push(Val val) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = val;
    }

    Val pop() {
        Val top = entries[--size];
        entries[size] = null;
        return top;
    }

    /** {@return the entry {@code depth} below the top (0 = the top)} */
    Val peek(int depth) {
        return entries[size - 1 - depth];
    }

    /** {@return the entry at position {@code index} from the bottom} */
    Val get(int index) {
        return entries[index];
    }

    void set(int index, Val val) {
        entries[index] = val;
    }

    /** Drops entries down to {@code newSize} (their registers must have been released). */
    void truncate(int newSize) {
        Arrays.fill(entries, newSize, size, null);
        size = newSize;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(entries, size));
    }
}
