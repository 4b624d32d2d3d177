package dev.windlass.winch.codegen;

/**
 * A broken invariant of the code generator: a bug in Windlass, never a property of the input
 * (invalid input is rejected by the validator first). It names the function and bytecode offset
 * so the bug can be reproduced.
 */
public final class CodegenException extends RuntimeException {

    public CodegenException(String message) {
        super(message);
    }
}
