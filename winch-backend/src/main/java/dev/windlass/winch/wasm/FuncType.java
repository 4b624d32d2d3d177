package dev.windlass.winch.wasm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A function signature: parameter and result types (several results with multi-value).
 *
 * @param params  parameter types, in order
 * @param results result types, in order
 */
public record FuncType(List<ValType> params, List<ValType> results) {

    /** The type {@code [] -> []}. */
    public static final FuncType EMPTY = new FuncType(List.of(), List.of());

    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(List<ValType> types) {
        return types.stream().map(ValType::toString).collect(Collectors.joining(", "));
    }
}
