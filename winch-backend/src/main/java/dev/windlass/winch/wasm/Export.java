package dev.windlass.winch.wasm;

/**
 * One entry of the export section.
 *
 * @param name  the export name, as decoded UTF-8 (unique within the module)
 * @param kind  what is exported
 * @param index index into the module's function, table, memory or global index space
 */
public record Export(String name, ExternKind kind, int index) {
}
