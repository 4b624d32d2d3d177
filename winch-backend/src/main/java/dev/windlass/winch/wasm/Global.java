package dev.windlass.winch.wasm;

/**
 * A global defined by the module (not imported).
 *
 * @param type its type
 * @param init the constant expression that initialises it
 */
public record Global(GlobalType type, ConstExpr init) {
}
