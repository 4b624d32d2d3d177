package dev.windlass.winch.wasm;

/**
 * A constant expression (global initialiser, segment offset, element item), kept as the
 * byte range it occupies in the module, final {@code end} included.
 *
 * <p>Read it with {@link WasmModule#operators(ConstExpr)}; the validator has checked that it
 * holds only constant instructions and produces one value of the expected type.
 *
 * @param offset byte offset of the first instruction in the module
 * @param length length in bytes, including the terminating {@code end}
 */
public record ConstExpr(int offset, int length) {
}
