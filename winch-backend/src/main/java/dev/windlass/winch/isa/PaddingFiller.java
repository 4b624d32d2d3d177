package dev.windlass.winch.isa;

/**
 * Writes the ISA's padding (no-op instructions) into alignment gaps. The code buffer is
 * ISA-neutral; each ISA supplies its filler, such as x86-64's recommended multi-byte nops.
 */
@FunctionalInterface
public interface PaddingFiller {

    /**
     * Fills {@code code[offset, offset + length)} with instructions that do nothing.
     *
     * @param length the gap, which may be 0 and is smaller than the largest alignment in use
     */
    void fill(byte[] code, int offset, int length);
}
