package dev.windlass.winch.isa;

import java.util.Arrays;

/** A growable list of {@code (int, int)} pairs in two primitive arrays; reused across functions. */
final class IntPairList {

    private int[] firsts = new int[16];
    private int[] seconds = new int[16];
    private int size;

    void add(int first, int second) {
        if (size == firsts.length) {
            firsts = Arrays.copyOf(firsts, size * 2);
            seconds = Arrays.copyOf(seconds, size * 2);
        }
        firsts[size] = first;
        seconds[size] = second;
        size++;
    }

    int size() {
        return size;
    }

    int first(int index) {
        return firsts[index];
    }

    int second(int index) {
        return seconds[index];
    }

    void setLastSecond(int second) {
        seconds[size - 1] = second;
    }

    void clear() {
        size = 0;
    }
}
