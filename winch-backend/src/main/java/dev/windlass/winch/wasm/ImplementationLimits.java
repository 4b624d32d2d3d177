package dev.windlass.winch.wasm;

/**
 * Windlass's implementation limits (the spec allows an implementation to set them; these are
 * the ones of wasmparser, so a module Wasmtime accepts is accepted here, plus
 * {@link #MAX_OPERAND_STACK_HEIGHT} and {@link #MAX_CONTROL_DEPTH}, which no compiler-generated
 * code comes near). Exceeding one makes a module invalid, with a message that names the limit.
 * With them, the code generator's own state is bounded too: its value stack by the operand
 * limit, its control frames by the nesting limit, its frame (one slot per stack position and
 * local) by both, and its time by the body size (compilation is linear; see
 * {@code CompileTimeScalingTest}).
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
    /**
     * The deepest {@code block}/{@code loop}/{@code if} nesting in a function. Windlass's own
     * limit, for the same reason: a body of 7.6 MB could open 3.8 million blocks, each a frame in
     * the validator and the code generator. No compiler's output comes near it.
     */
    public static final int MAX_CONTROL_DEPTH = 100_000;

    private ImplementationLimits() {
    }
}
