package dev.windlass.winch.wasm;

/**
 * Windlass's implementation limits (the spec allows an implementation to set them; these are
 * the ones of wasmparser, so a module Wasmtime accepts is accepted here, plus
 * {@link #MAX_OPERAND_STACK_HEIGHT}, which no compiler-generated code comes near). Exceeding one
 * makes a module invalid, with a message that names the limit.
 */
public final class ImplementationLimits {

    public static final int MAX_TYPES = 1_000_000;
    public static final int MAX_FUNCTIONS = 1_000_000;
    public static final int MAX_IMPORTS = 100_000;
    public static final int MAX_EXPORTS = 100_000;
    public static final int MAX_GLOBALS = 1_000_000;
    public static final int MAX_ELEMENT_SEGMENTS = 100_000;
    public static final int MAX_DATA_SEGMENTS = 100_000;
    public static final int MAX_TABLES = 100;
    public static final int MAX_MEMORIES = 100;
    public static final int MAX_PARAMS = 1_000;
    public static final int MAX_RESULTS = 1_000;
    public static final int MAX_LOCALS = 50_000;
    public static final int MAX_FUNCTION_BODY_SIZE = 7_654_321;
    /**
     * The most operands a function's value stack may hold at once. Windlass's own limit (the
     * others are wasmparser's): a two-byte {@code call} of a function with 1,000 results pushes
     * 1,000 operands, so without it a small body could make validation, and the code generator
     * after it, hold gigabytes of operands.
     */
    public static final int MAX_OPERAND_STACK_HEIGHT = 100_000;

    private ImplementationLimits() {
    }
}
