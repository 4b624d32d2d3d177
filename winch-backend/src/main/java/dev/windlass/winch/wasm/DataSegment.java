package dev.windlass.winch.wasm;

/**
 * One data segment. Its bytes are not copied: they are {@code length} bytes at {@code offset}
 * in the module ({@link WasmModule#bytes(int, int)}).
 *
 * @param mode        active or passive
 * @param memoryIndex the target memory (active segments only; 0 otherwise)
 * @param offsetExpr  the target address (active segments only; {@code null} otherwise)
 * @param dataOffset  byte offset of the segment's contents in the module
 * @param dataLength  number of bytes
 */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offsetExpr, int dataOffset, int dataLength) {
}
