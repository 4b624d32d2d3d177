package dev.windlass.winch.wasm;

/**
 * Where the body of a defined function lies in the module: its local declarations followed by
 * its code. Bodies are decoded and validated lazily, one operator at a time, by a
 * {@link FunctionValidator}.
 *
 * @param functionIndex index in the function index space (imported functions come first)
 * @param offset        byte offset of the body (its local declarations) in the module
 * @param size          body length in bytes
 */
public record FunctionBody(int functionIndex, int offset, int size) {

    /** {@return the offset just past the body's final {@code end}} */
    public int end() {
        return offset + size;
    }
}
