package dev.windlass.sandbox;

import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call of an export did, in terms both runtimes of {@link DifferentialTest} can be
 * reduced to, and the rule that says when two of them agree.
 */
sealed interface Outcome {

    /** The call returned {@code bits}, one raw value per result (i32 and f32 in the low 32 bits). */
    record Returned(List<ValType> types, long[] bits) implements Outcome {
        @Override
        public String toString() {
            List<String> values = new ArrayList<>(bits.length);
            for (int k = 0; k < bits.length; k++) {
                values.add(format(types.get(k), bits[k]));
            }
            return "returned " + values;
        }
    }

    /** The call trapped; {@code code} is null when the runtime's report maps to no {@link TrapCode}. */
    record Trapped(TrapCode code, String message) implements Outcome {
        @Override
        public String toString() {
            return "trapped (" + (code == null ? "?" : code.name()) + ": " + message + ")";
        }
    }

    /** The call ran out of stack: the runtimes' limits differ, so this is never compared. */
    record Exhausted(String message) implements Outcome {
        @Override
        public String toString() {
            return "stack exhausted (" + message + ")";
        }
    }

    /** The call threw what is neither a trap nor a stack overflow: a runtime failure. */
    record Failed(Throwable error) implements Outcome {
        @Override
        public String toString() {
            return "threw " + error;
        }
    }

    /**
     * {@return null if {@code windlass} and {@code chicory} agree, else why not}. Values agree bit
     * for bit, except that any NaN equals any NaN (Wasm leaves NaN payloads and signs open). Traps
     * agree when both trap with the same code, or when either's code is unknown.
     */
    static String disagreement(Outcome windlass, Outcome chicory) {
        if (windlass instanceof Returned w && chicory instanceof Returned c) {
            if (w.bits().length != c.bits().length) {
                return "result counts differ";
            }
            for (int k = 0; k < w.bits().length; k++) {
                if (!sameValue(w.types().get(k), w.bits()[k], c.bits()[k])) {
                    return "result " + k + " differs";
                }
            }
            return null;
        }
        if (windlass instanceof Trapped w && chicory instanceof Trapped c) {
            return w.code() == null || c.code() == null || w.code() == c.code() ? null : "trap codes differ";
        }
        if (windlass instanceof Failed || chicory instanceof Failed) {
            return "a runtime failed";
        }
        return "one returned, the other trapped";
    }

    /** {@return whether two raw values of {@code type} are the same Wasm value, NaNs being one value} */
    static boolean sameValue(ValType type, long a, long b) {
        return switch (type) {
            case I32 -> (int) a == (int) b;
            case F32 -> (int) a == (int) b
                    || Float.isNaN(Float.intBitsToFloat((int) a)) && Float.isNaN(Float.intBitsToFloat((int) b));
            case F64 -> a == b || Double.isNaN(Double.longBitsToDouble(a)) && Double.isNaN(Double.longBitsToDouble(b));
            default -> a == b;
        };
    }

    /** {@return a raw value as text: {@code i32:-1}, {@code f64:0x3ff0000000000000 (1.0)}, {@code f32:nan}} */
    static String format(ValType type, long bits) {
        return switch (type) {
            case I32 -> "i32:" + (int) bits;
            case I64 -> "i64:" + bits;
            case F32 -> {
                float f = Float.intBitsToFloat((int) bits);
                yield Float.isNaN(f) ? "f32:nan" : "f32:0x" + Integer.toHexString((int) bits) + " (" + f + ")";
            }
            case F64 -> {
                double d = Double.longBitsToDouble(bits);
                yield Double.isNaN(d) ? "f64:nan" : "f64:0x" + Long.toHexString(bits) + " (" + d + ")";
            }
            default -> type + ":0x" + Long.toHexString(bits);
        };
    }
}
