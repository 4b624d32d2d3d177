package dev.windlass.winch.wasm;

/**
 * A custom section, kept as it was: its name and where its payload lies in the module.
 *
 * @param name   the section name, as decoded UTF-8
 * @param offset byte offset of the payload (after the name) in the module
 * @param size   payload length in bytes
 */
public record CustomSection(String name, int offset, int size) {
}
