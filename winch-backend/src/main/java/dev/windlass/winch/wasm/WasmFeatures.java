package dev.windlass.winch.wasm;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The set of WebAssembly proposals a module may use.
 *
 * <p>Wasm 2.0 (sign extension, saturating conversions, multi-value, bulk memory, reference
 * types, fixed-width SIMD) is the floor: {@link #wasm2()} has exactly that. {@link #defaults()}
 * adds multi-memory, which Windlass supports everywhere. Proposals beyond that are switched on
 * one at a time with {@link #with(Feature...)}, so that each spec-test group runs with exactly
 * its own features (some core tests assert that a later proposal's construct is an error).
 *
 * <p>Instances are immutable.
 */
public final class WasmFeatures {

    /** A proposal on top of Wasm 2.0. */
    public enum Feature {
        /** Several memories per module; memory instructions carry a memory index. */
        MULTI_MEMORY("multi-memory"),
        /** 64-bit memories and tables: i64 addresses, 64-bit limits and memarg offsets. */
        MEMORY64("memory64"),
        /** {@code return_call} and {@code return_call_indirect}. */
        TAIL_CALL("tail-call"),
        /** {@code i32/i64.add/sub/mul} in constant expressions. */
        EXTENDED_CONST("extended-const");

        private final String proposalName;

        Feature(String proposalName) {
            this.proposalName = proposalName;
        }

        /** {@return the proposal's name, as the spec testsuite spells its folder} */
        public String proposalName() {
            return proposalName;
        }

        /**
         * {@return the feature with this proposal name (e.g. {@code "tail-call"})}
         *
         * @throws IllegalArgumentException if no feature has that name
         */
        public static Feature byProposalName(String name) {
            for (Feature f : values()) {
                if (f.proposalName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown feature '" + name + "'; known: "
                    + Arrays.stream(values()).map(Feature::proposalName).collect(Collectors.joining(", ")));
        }
    }

    private static final WasmFeatures WASM2 = new WasmFeatures(EnumSet.noneOf(Feature.class));
    private static final WasmFeatures DEFAULTS = new WasmFeatures(EnumSet.of(Feature.MULTI_MEMORY));

    private final EnumSet<Feature> enabled;

    private WasmFeatures(EnumSet<Feature> enabled) {
        this.enabled = enabled;
    }

    /** {@return Wasm 2.0 and nothing more} */
    public static WasmFeatures wasm2() {
        return WASM2;
    }

    /** {@return what Windlass enables unless told otherwise: Wasm 2.0 plus multi-memory} */
    public static WasmFeatures defaults() {
        return DEFAULTS;
    }

    /** {@return Wasm 2.0 plus exactly these proposals} */
    public static WasmFeatures of(Collection<Feature> features) {
        return features.isEmpty() ? WASM2 : new WasmFeatures(EnumSet.copyOf(features));
    }

    /** {@return a copy of this set with the given proposals enabled as well} */
    public WasmFeatures with(Feature... features) {
        EnumSet<Feature> copy = EnumSet.copyOf(enabled);
        copy.addAll(Arrays.asList(features));
        return new WasmFeatures(copy);
    }

    /** {@return whether the proposal is enabled} */
    public boolean has(Feature feature) {
        return enabled.contains(feature);
    }

    public boolean multiMemory() {
        return enabled.contains(Feature.MULTI_MEMORY);
    }

    public boolean memory64() {
        return enabled.contains(Feature.MEMORY64);
    }

    public boolean tailCall() {
        return enabled.contains(Feature.TAIL_CALL);
    }

    public boolean extendedConst() {
        return enabled.contains(Feature.EXTENDED_CONST);
    }

    /** {@return the enabled proposals} */
    public Set<Feature> enabled() {
        return Set.copyOf(enabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WasmFeatures other && other.enabled.equals(enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }

    @Override
    public String toString() {
        return enabled.isEmpty() ? "wasm2"
                : "wasm2+" + enabled.stream().map(Feature::proposalName).collect(Collectors.joining("+"));
    }
}
