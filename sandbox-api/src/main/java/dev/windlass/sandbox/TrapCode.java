package dev.windlass.sandbox;

/**
 * Why Wasm code stopped abnormally ({@link WasmTrap#trapCode()}). The names follow Wasmtime's
 * {@code Trap}; {@link #message()} is the spec interpreter's wording, which the spec tests'
 * {@code assert_trap} commands expect.
 *
 * <p>The compiler has its own list (the statuses generated code returns); this one is the API's,
 * mapped from it in one place ({@link #of}), so the compiler's numbering never reaches users.
 */
public enum TrapCode {
    /** The stack limit was crossed (deep or unbounded recursion). */
    STACK_OVERFLOW(dev.windlass.winch.vm.TrapCode.STACK_OVERFLOW),
    /** A load, store or bulk memory operation outside the memory's current length. */
    MEMORY_OUT_OF_BOUNDS(dev.windlass.winch.vm.TrapCode.MEMORY_OUT_OF_BOUNDS),
    /** A table access, or a table index of {@code call_indirect}, outside the table's length. */
    TABLE_OUT_OF_BOUNDS(dev.windlass.winch.vm.TrapCode.TABLE_OUT_OF_BOUNDS),
    /** {@code call_indirect} through a null table entry. */
    INDIRECT_CALL_TO_NULL(dev.windlass.winch.vm.TrapCode.INDIRECT_CALL_TO_NULL),
    /** {@code call_indirect} to a function of another type. */
    BAD_SIGNATURE(dev.windlass.winch.vm.TrapCode.BAD_SIGNATURE),
    /** Signed division of the minimum value by -1, or a float-to-int truncation out of range. */
    INTEGER_OVERFLOW(dev.windlass.winch.vm.TrapCode.INTEGER_OVERFLOW),
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO(dev.windlass.winch.vm.TrapCode.INTEGER_DIVIDE_BY_ZERO),
    /** A trapping float-to-int truncation of NaN. */
    INVALID_CONVERSION_TO_INTEGER(dev.windlass.winch.vm.TrapCode.INVALID_CONVERSION_TO_INTEGER),
    /** The {@code unreachable} instruction. */
    UNREACHABLE(dev.windlass.winch.vm.TrapCode.UNREACHABLE),
    /** The store's fuel ran out ({@link Store#setFuel}). */
    OUT_OF_FUEL(dev.windlass.winch.vm.TrapCode.OUT_OF_FUEL),
    /** The store's epoch deadline or timeout passed ({@link Store#setEpochDeadline}, {@link Store#setTimeout}). */
    INTERRUPT(dev.windlass.winch.vm.TrapCode.INTERRUPT),
    /** A null reference where a non-null one is needed. */
    NULL_REFERENCE(dev.windlass.winch.vm.TrapCode.NULL_REFERENCE),
    /** A host function threw; the exception is the trap's cause. */
    HOST_EXCEPTION(dev.windlass.winch.vm.TrapCode.HOST_EXCEPTION);

    private static final TrapCode[] BY_COMPILER_CODE = new TrapCode[dev.windlass.winch.vm.TrapCode.values().length];

    static {
        for (TrapCode code : values()) {
            BY_COMPILER_CODE[code.compilerCode.ordinal()] = code;
        }
    }

    private final dev.windlass.winch.vm.TrapCode compilerCode;

    TrapCode(dev.windlass.winch.vm.TrapCode compilerCode) {
        this.compilerCode = compilerCode;
    }

    /** {@return the spec interpreter's message for this trap} */
    public String message() {
        return compilerCode.message();
    }

    /**
     * {@return the API's code for the compiler's {@code code}}
     *
     * @throws IllegalStateException if the compiler has a code this list lacks (a build mismatch)
     */
    static TrapCode of(dev.windlass.winch.vm.TrapCode code) {
        TrapCode mapped = BY_COMPILER_CODE[code.ordinal()];
        if (mapped == null) {
            throw new IllegalStateException("the compiler's trap code " + code + " has no API counterpart");
        }
        return mapped;
    }
}
