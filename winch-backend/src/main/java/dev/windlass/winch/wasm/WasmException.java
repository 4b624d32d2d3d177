package dev.windlass.winch.wasm;

import java.util.OptionalInt;

/**
 * Base of every error Windlass reports about a WebAssembly module or its execution.
 *
 * <p>Each subtype names one phase (decoding, validation, and later linking, traps and limits),
 * so a caller can tell hostile or broken input apart from a bug in the host. Errors found in
 * the bytes of a module carry the byte offset and, inside a function body, the index of the
 * function.
 */
public abstract class WasmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Marks "no function" in {@link #functionIndex()}. */
    protected static final int NO_FUNCTION = -1;

    private final String reason;
    private final int offset;
    private final int functionIndex;

    protected WasmException(String reason, int offset, int functionIndex, Throwable cause) {
        super(describe(reason, offset, functionIndex), cause);
        this.reason = reason;
        this.offset = offset;
        this.functionIndex = functionIndex;
    }

    private static String describe(String reason, int offset, int functionIndex) {
        StringBuilder sb = new StringBuilder(reason);
        if (offset >= 0) {
            sb.append(" (at byte offset 0x").append(Integer.toHexString(offset));
            if (functionIndex >= 0) {
                sb.append(", in function ").append(functionIndex);
            }
            sb.append(')');
        } else if (functionIndex >= 0) {
            sb.append(" (in function ").append(functionIndex).append(')');
        }
        return sb.toString();
    }

    /** {@return the short reason, in the wording of the spec interpreter, e.g. "type mismatch"} */
    public String reason() {
        return reason;
    }

    /** {@return the byte offset in the module where the problem was found, or -1 if none} */
    public int offset() {
        return offset;
    }

    /** {@return the index of the function whose body holds the problem, if there is one} */
    public OptionalInt functionIndex() {
        return functionIndex >= 0 ? OptionalInt.of(functionIndex) : OptionalInt.empty();
    }
}
