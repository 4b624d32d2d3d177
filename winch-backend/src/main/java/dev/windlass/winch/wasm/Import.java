package dev.windlass.winch.wasm;

/**
 * One entry of the import section.
 *
 * @param module the module name, as decoded UTF-8
 * @param name   the field name, as decoded UTF-8
 * @param type   what is imported
 */
public record Import(String module, String name, ExternType type) {
}
