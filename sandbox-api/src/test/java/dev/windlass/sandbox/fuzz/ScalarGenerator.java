package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scalar types, signatures and values: the four number types, lists of them, and raw
 * bits that favour the edges where code generators go wrong (zero, signs, the limits of each
 * width, truncation bounds, addresses near the end of a page, values with junk in the upper
 * half of a 64-bit register).
 */
final class ScalarGenerator {

    static final List<ValType> SCALARS = List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64);

    private static final long[] I32_EDGES = {0, 1, -1, 2, 7, 31, 32, 33, 63, 64, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF,
        0x1_0000, 0xFFF0, 0xFFFC, 0xFFFF_FFF8L, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1};
    private static final long[] I64_EDGES = {0, 1, -1, 2, 63, 64, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L,
        0xFFFF_FFFF_0000_0000L, 0x8000_0000L, 0x7FFF_FFFF_0000_0001L, Long.MIN_VALUE, Long.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 0xDEAD_BEEF_0000_0010L};
    private static final float[] F32_EDGES = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, 2.5f, 2147483648f, -2147483904f,
        4294967296f, 9.223372E18f, Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, 65536f};
    private static final double[] F64_EDGES = {0d, -0d, 1d, -1d, 0.5d, -0.5d, 2.5d, -2147483648.9d, 2147483647.9d,
        4294967295.5d, 9.223372036854775807E18d, -9.223372036854775808E18d, 1.8446744073709552E19d,
        Double.MAX_VALUE, Double.MIN_NORMAL, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, 65536d};

    private final Random random;

    ScalarGenerator(Random random) {
        this.random = random;
    }

    ValType type() {
        return SCALARS.get(random.nextInt(SCALARS.size()));
    }

    /** {@return {@code count} random scalar types} */
    List<ValType> types(int count) {
        List<ValType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(type());
        }
        return types;
    }

    /**
     * {@return a signature of up to {@code maxParams} params and {@code maxResults} results}. Half
     * of them begin their results with the types of their first params, so a result can be a
     * lazy read of the param whose slot it is returned in (the case returns must get right).
     */
    FuncType signature(int maxParams, int maxResults) {
        List<ValType> params = types(random.nextInt(maxParams + 1));
        int resultCount = random.nextInt(maxResults + 1);
        List<ValType> results = new ArrayList<>(resultCount);
        boolean mirror = random.nextBoolean();
        for (int k = 0; k < resultCount; k++) {
            results.add(mirror && k < params.size() ? params.get(k) : type());
        }
        return new FuncType(params, results);
    }

    /** {@return the raw bits of a constant of {@code type}: an edge value, a small one or any bits} */
    long constant(ValType type) {
        return mixed(type, 40, 30);
    }

    /** {@return raw bits of {@code type} for an argument: small numbers more often than constants are} */
    long argument(ValType type) {
        return mixed(type, 30, 50);
    }

    private long mixed(ValType type, int edgePercent, int smallPercent) {
        int pick = random.nextInt(100);
        return pick < edgePercent ? edge(type) : pick < edgePercent + smallPercent ? small(type) : anyBits(type);
    }

    long edge(ValType type) {
        return switch (type) {
            case I32 -> I32_EDGES[random.nextInt(I32_EDGES.length)] & 0xFFFF_FFFFL;
            case I64 -> I64_EDGES[random.nextInt(I64_EDGES.length)];
            case F32 -> Float.floatToRawIntBits(F32_EDGES[random.nextInt(F32_EDGES.length)]) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(F64_EDGES[random.nextInt(F64_EDGES.length)]);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    long small(ValType type) {
        int n = random.nextInt(41) - 20;
        return switch (type) {
            case I32 -> n & 0xFFFF_FFFFL;
            case I64 -> n;
            case F32 -> Float.floatToRawIntBits(n / (random.nextBoolean() ? 1f : 4f)) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(n / (random.nextBoolean() ? 1d : 4d));
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    long anyBits(ValType type) {
        long bits = random.nextLong();
        return type == ValType.I32 || type == ValType.F32 ? bits & 0xFFFF_FFFFL : bits;
    }
}
