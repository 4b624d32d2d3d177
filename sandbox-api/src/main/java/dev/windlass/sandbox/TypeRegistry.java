package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Canonical ids of function types, one registry per engine: structurally equal types get the
 * same id, so {@code call_indirect} compares two ints, across modules and instances.
 */
final class TypeRegistry {

    private final ConcurrentHashMap<FuncType, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    /** {@return the id of {@code type}}, positive */
    int idOf(FuncType type) {
        return ids.computeIfAbsent(type, t -> next.getAndIncrement());
    }
}
