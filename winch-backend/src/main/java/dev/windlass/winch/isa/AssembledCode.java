package dev.windlass.winch.isa;

/**
 * One function's finished machine code: instructions in their final layout, then its constant
 * pool, and the tables that the linker and the runtime need.
 *
 * <pre>
 *  0                    instructionsSize()   constantPoolOffset()          size()
 *  ├── instructions ──────────┼── padding ──────┼── 16-byte constants ──────┤
 * </pre>
 *
 * The code is position-independent: constants and labels are addressed pc-relative, and calls to
 * other functions are listed in {@link #callSites()} for the linker to patch. It must be placed
 * at an address aligned to {@link #requiredAlignment()}, which keeps the pool's entries 16-byte
 * aligned.
 */
public final class AssembledCode {

    private final byte[] code;
    private final int instructionsSize;
    private final int constantPoolOffset;
    private final int requiredAlignment;
    private final OffsetTable trapSites;
    private final OffsetTable callSites;
    private final OffsetTable sourceMap;
    private final CodeBuffer owner;
    private final int generation;
    private final int[] labelOffsets;
    private final OffsetMap offsetMap;
    private final int emissionSize;

    AssembledCode(byte[] code, int instructionsSize, int constantPoolOffset, int requiredAlignment,
            OffsetTable trapSites, OffsetTable callSites, OffsetTable sourceMap,
            CodeBuffer owner, int generation, int[] labelOffsets, OffsetMap offsetMap, int emissionSize) {
        this.code = code;
        this.instructionsSize = instructionsSize;
        this.constantPoolOffset = constantPoolOffset;
        this.requiredAlignment = requiredAlignment;
        this.trapSites = trapSites;
        this.callSites = callSites;
        this.sourceMap = sourceMap;
        this.owner = owner;
        this.generation = generation;
        this.labelOffsets = labelOffsets;
        this.offsetMap = offsetMap;
        this.emissionSize = emissionSize;
    }

    /** {@return a copy of the whole function: instructions, padding and constant pool} */
    public byte[] code() {
        return code.clone();
    }

    /** Copies the whole function to {@code target[offset, offset + size())}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(code, 0, target, offset, code.length);
    }

    /** {@return the size of the whole function in bytes} */
    public int size() {
        return code.length;
    }

    /** {@return the size of the instructions, without the constant pool} */
    public int instructionsSize() {
        return instructionsSize;
    }

    /** {@return where the constant pool starts (equal to {@link #size()} when it is empty)} */
    public int constantPoolOffset() {
        return constantPoolOffset;
    }

    /** {@return the alignment the function's start address needs: at least 16} */
    public int requiredAlignment() {
        return requiredAlignment;
    }

    /** {@return the trap sites: offset of a trapping instruction -> trap code} */
    public OffsetTable trapSites() {
        return trapSites;
    }

    /**
     * {@return the call sites: offset of a 4-byte pc-relative displacement field -> callee}. The
     * instruction ends right after the field, so the linker writes {@code callee - (site + 4)}.
     */
    public OffsetTable callSites() {
        return callSites;
    }

    /** {@return the source map: start of the code for a Wasm operator -> its bytecode offset} */
    public OffsetTable sourceMap() {
        return sourceMap;
    }

    /**
     * {@return the final offset of a label of this function}
     *
     * @throws IllegalArgumentException if the label belongs to another function or is unbound
     */
    public int labelOffset(Label label) {
        if (label.owner != owner || label.generation != generation || labelOffsets[label.id] < 0) {
            throw new IllegalArgumentException("label " + label + " is not bound in this function");
        }
        return labelOffsets[label.id];
    }

    /**
     * {@return the final offset of code emitted at {@code emissionOffset}} (the value of
     * {@link CodeBuffer#offset()} when it was emitted): relaxation moves code. An offset where an
     * alignment was requested maps to after the alignment gap.
     */
    public int finalOffset(int emissionOffset) {
        if (emissionOffset < 0 || emissionOffset > emissionSize) {
            throw new IllegalArgumentException("emission offset " + emissionOffset + " is outside the function");
        }
        return offsetMap.map(emissionOffset);
    }
}
