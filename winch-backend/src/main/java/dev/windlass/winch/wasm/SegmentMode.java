package dev.windlass.winch.wasm;

/** When an element or data segment is applied. */
public enum SegmentMode {
    /** Copied into a table or memory at instantiation. */
    ACTIVE,
    /** Kept for {@code table.init} / {@code memory.init}. */
    PASSIVE,
    /** Element segments only: declares function references for {@code ref.func}, then dropped. */
    DECLARATIVE
}
