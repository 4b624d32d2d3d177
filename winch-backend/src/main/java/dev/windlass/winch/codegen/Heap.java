package dev.windlass.winch.codegen;

/**
 * Where generated code finds a linear memory: the context slot of memory {@code index}, which
 * holds the memory's {base, length} in place ({@code imported} false) or the address of its
 * owner's ({@code imported} true), and whether addresses are 64-bit (memory64).
 */
public record Heap(int contextSlot, boolean imported, boolean is64) {
}
