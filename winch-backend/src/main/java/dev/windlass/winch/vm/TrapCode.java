package dev.windlass.winch.vm;

/**
 * Why Wasm code stopped abnormally. Generated code stores {@link #code()} in the VMContext
 * ({@link VmOffsets#trapCode()}) and returns it as the entry trampoline's status; status 0 means
 * the call returned normally, so every code here is positive.
 *
 * <p>The names follow Wasmtime's {@code Trap}; {@link #message()} is the spec interpreter's
 * wording, which the spec tests' {@code assert_trap} commands expect.
 */
public enum TrapCode {
    /** The stack limit in the VMContext was crossed (deep or unbounded recursion). */
    STACK_OVERFLOW(1, "call stack exhausted"),
    /** A load, store or bulk memory operation outside the memory's current length. */
    MEMORY_OUT_OF_BOUNDS(2, "out of bounds memory access"),
    /** A table access, or a table index of {@code call_indirect}, outside the table's length. */
    TABLE_OUT_OF_BOUNDS(3, "out of bounds table access"),
    /** {@code call_indirect} through a null table entry. */
    INDIRECT_CALL_TO_NULL(4, "uninitialized element"),
    /** {@code call_indirect} to a function of another type. */
    BAD_SIGNATURE(5, "indirect call type mismatch"),
    /** Signed division of the minimum value by -1, or a float-to-int truncation out of range. */
    INTEGER_OVERFLOW(6, "integer overflow"),
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO(7, "integer divide by zero"),
    /** A trapping float-to-int truncation of NaN. */
    INVALID_CONVERSION_TO_INTEGER(8, "invalid conversion to integer"),
    /** The {@code unreachable} instruction. */
    UNREACHABLE(9, "unreachable"),
    /** The store's fuel ran out. */
    OUT_OF_FUEL(10, "all fuel consumed"),
    /** The store's epoch deadline passed. */
    INTERRUPT(11, "interrupted: epoch deadline reached"),
    /** A null reference where a non-null one is needed. */
    NULL_REFERENCE(12, "null reference"),
    /** A host function threw; the exception is parked by the runtime and becomes the cause. */
    HOST_EXCEPTION(13, "host function threw an exception");

    private static final TrapCode[] BY_CODE = new TrapCode[values().length + 1];

    static {
        for (TrapCode t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String message;

    TrapCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** {@return the positive number generated code stores and returns as its status} */
    public int code() {
        return code;
    }

    /** {@return the spec interpreter's message for this trap} */
    public String message() {
        return message;
    }

    /**
     * {@return the trap with this code}
     *
     * @throws IllegalArgumentException if no trap has that code (0 is a normal return, not a trap)
     */
    public static TrapCode ofCode(int code) {
        if (code <= 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no trap has code " + code);
        }
        return BY_CODE[code];
    }
}
