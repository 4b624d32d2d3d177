package dev.windlass.winch.isa;

import java.util.Arrays;

/**
 * The bytes of one function as they are emitted, with everything that refers to positions not
 * yet final: labels, branches, pc-relative references, the constant pool and the tables of trap
 * sites, call sites and source offsets. ISA-neutral: the assembler of each ISA writes the bytes.
 *
 * <h2>Labels and fixups</h2>
 * A {@link Label} may be used before or after it is {@link #bind bound}. Every use is recorded as
 * a fixup and resolved by {@link #finish()}, once the layout is final: nothing is patched during
 * emission, so emission never looks back.
 *
 * <h2>Branch relaxation</h2>
 * A relaxable branch has a short form ({@code shortOpcode rel8}, 2 bytes) and a long form
 * ({@code longOpcode rel32}, 5 or 6 bytes on x86-64); both displacements count from the end of
 * the instruction. Emission reserves room conservatively: a branch to a label bound earlier
 * (backward) takes the short form when the target is within a signed byte, otherwise, and
 * always for a forward branch, the long form. {@link #finish()} then decides the form of every
 * branch from scratch: it starts with all branches short and widens, pass after pass, those whose
 * target is out of rel8 range, until none is (see {@link BranchRelaxer}). So every branch whose
 * final displacement fits in a signed byte is short, except in a rare chain where widening one
 * branch pushes another out of range; alignment gaps are recomputed in the final layout. This is
 * the "emit long, shrink in a final pass" strategy: it never has to insert bytes during emission,
 * and the final pass is one linear copy.
 *
 * <h2>Constant pool</h2>
 * {@link #constant128} returns a label for a 16-byte constant, deduplicated by value. The pool
 * follows the instructions, 16-byte aligned; instructions address it pc-relative.
 *
 * <h2>Tables</h2>
 * Trap sites, call sites and the source map are recorded in primitive arrays as code is emitted
 * and moved to their final offsets by {@link #finish()} (see {@link AssembledCode}).
 *
 * <h2>Reuse</h2>
 * {@link #reset()} empties the buffer for the next function and keeps its arrays, so compiling
 * many functions with one buffer allocates little beyond each {@link AssembledCode}. A buffer
 * is used by one thread at a time; parallel compilation gives each thread its own.
 */
public final class CodeBuffer {

    private static final int UNBOUND = -1;
    private static final int MAX_ALIGNMENT = 4096;
    private static final int POOL_ALIGNMENT = ConstantPool.ENTRY_SIZE;

    private final PaddingFiller padding;
    private byte[] bytes = new byte[1024];
    private int size;

    private int generation;
    private int labelCount;
    private int[] labelOffsets = new int[64];
    private int[] labelEventsBefore = new int[64];
    /** The constant-pool slot of a constant's label, or -1. */
    private int[] labelConstantSlots = new int[64];
    private Label[] constantLabels = new Label[16];

    private final BranchRelaxer relaxer = new BranchRelaxer();
    private int fixupCount;
    private int[] fixupFields = new int[64];
    private int[] fixupLabels = new int[64];
    private int[] fixupTrailingBytes = new int[64];

    private final ConstantPool constants = new ConstantPool();
    private final IntPairList trapSites = new IntPairList();
    private final IntPairList callSites = new IntPairList();
    private final IntPairList sourceMap = new IntPairList();
    private int maxAlignment = POOL_ALIGNMENT;

    /** Creates an empty buffer whose alignment gaps are filled by {@code padding}. */
    public CodeBuffer(PaddingFiller padding) {
        this.padding = padding;
    }

    /** {@return the offset at which the next byte will be emitted} */
    public int offset() {
        return size;
    }

    /** Emits the low 8 bits of {@code value}. */
    public void putByte(int value) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) value;
    }

    /** Emits the low 16 bits of {@code value}, little-endian. */
    public void putShort(int value) {
        if (size + 2 > bytes.length) {
            grow(2);
        }
        bytes[size] = (byte) value;
        bytes[size + 1] = (byte) (value >>> 8);
        size += 2;
    }

    /** Emits {@code value}, little-endian. */
    public void putInt(int value) {
        if (size + 4 > bytes.length) {
            grow(4);
        }
        Bytes.putInt(bytes, size, value);
        size += 4;
    }

    /** Emits {@code value}, little-endian. */
    public void putLong(long value) {
        if (size + 8 > bytes.length) {
            grow(8);
        }
        Bytes.putLong(bytes, size, value);
        size += 8;
    }

    /**
     * Overwrites 4 bytes emitted earlier at {@code offset} (an offset returned by
     * {@link #offset()} before they were emitted): for a value known only later, such as a
     * frame size. The bytes must not be part of a branch or a label reference.
     *
     * @throws IndexOutOfBoundsException if the 4 bytes were not all emitted yet
     */
    public void patchInt(int offset, int value) {
        if (offset < 0 || offset + 4 > size) {
            throw new IndexOutOfBoundsException("cannot patch 4 bytes at " + offset + " of " + size);
        }
        Bytes.putInt(bytes, offset, value);
    }

    /** {@return a new unbound label of the current function} */
    public Label newLabel() {
        int id = labelCount;
        if (id == labelOffsets.length) {
            labelOffsets = Arrays.copyOf(labelOffsets, id * 2);
            labelEventsBefore = Arrays.copyOf(labelEventsBefore, id * 2);
            labelConstantSlots = Arrays.copyOf(labelConstantSlots, id * 2);
        }
        labelOffsets[id] = UNBOUND;
        labelConstantSlots[id] = -1;
        labelCount++;
        return new Label(this, generation, id);
    }

    /**
     * Binds {@code label} to the current offset.
     *
     * @throws IllegalArgumentException if the label is already bound, is a constant's, or belongs
     *         to another buffer or function
     */
    public void bind(Label label) {
        int id = checkOwned(label);
        if (labelOffsets[id] != UNBOUND || labelConstantSlots[id] >= 0) {
            throw new IllegalArgumentException("label " + label + " is already bound");
        }
        labelOffsets[id] = size;
        labelEventsBefore[id] = relaxer.count();
    }

    /** {@return whether {@code label} is bound} (a constant's label counts as bound) */
    public boolean isBound(Label label) {
        int id = checkOwned(label);
        return labelOffsets[id] != UNBOUND || labelConstantSlots[id] >= 0;
    }

    /**
     * Emits a relaxable branch to {@code target}. Its short form is {@code shortOpcode rel8}; its
     * long form {@code longOpcode rel32}, with a long opcode of {@code longOpcodeLength} (1 or 2)
     * bytes, most significant first. Both displacements count from the end of the branch. The
     * final form is chosen by {@link #finish()}; see the class documentation.
     *
     * @throws IllegalArgumentException if the target is a constant's label
     */
    public void putRelaxableBranch(Label target, int shortOpcode, int longOpcode, int longOpcodeLength) {
        int id = checkOwned(target);
        if (labelConstantSlots[id] >= 0) {
            throw new IllegalArgumentException("a constant-pool entry is not a branch target: " + target);
        }
        if (longOpcodeLength != 1 && longOpcodeLength != 2) {
            throw new IllegalArgumentException("long opcode length must be 1 or 2: " + longOpcodeLength);
        }
        int start = size;
        int targetOffset = labelOffsets[id];
        int shortDisplacement = targetOffset - (start + BranchRelaxer.SHORT_LENGTH);
        if (targetOffset != UNBOUND && shortDisplacement == (byte) shortDisplacement) {
            putByte(shortOpcode);
            putByte(shortDisplacement);
        } else {
            if (longOpcodeLength == 2) {
                putByte(longOpcode >>> 8);
            }
            putByte(longOpcode);
            putInt(targetOffset == UNBOUND ? 0 : targetOffset - (start + longOpcodeLength + 4));
        }
        relaxer.addBranch(start, size - start, id, shortOpcode, longOpcode, longOpcodeLength);
    }

    /**
     * Emits a 4-byte field that will hold {@code target - end}, where {@code end}, the end of the
     * instruction, is {@code trailingBytes} after the field (for example an immediate that
     * follows a RIP-relative displacement).
     */
    public void putLabelRel32(Label target, int trailingBytes) {
        int id = checkOwned(target);
        if (fixupCount == fixupFields.length) {
            fixupFields = Arrays.copyOf(fixupFields, fixupCount * 2);
            fixupLabels = Arrays.copyOf(fixupLabels, fixupCount * 2);
            fixupTrailingBytes = Arrays.copyOf(fixupTrailingBytes, fixupCount * 2);
        }
        fixupFields[fixupCount] = size;
        fixupLabels[fixupCount] = id;
        fixupTrailingBytes[fixupCount] = trailingBytes;
        fixupCount++;
        putInt(0);
    }

    /**
     * Emits a 4-byte pc-relative displacement to another function, {@code callee}, and records a
     * call site for the linker; the instruction must end right after the field.
     */
    public void putCallSiteRel32(int callee) {
        callSites.add(size, callee);
        putInt(0);
    }

    /**
     * {@return the label of a 16-byte constant in the pool}: {@code low} holds bytes 0-7,
     * {@code high} bytes 8-15, little-endian. Equal constants share one entry and one label.
     */
    public Label constant128(long low, long high) {
        int slot = constants.slotOf(low, high);
        if (slot == constantLabels.length) {
            constantLabels = Arrays.copyOf(constantLabels, slot * 2);
        }
        Label label = constantLabels[slot];
        if (label == null || label.generation != generation) {
            label = newLabel();
            labelConstantSlots[label.id] = slot;
            constantLabels[slot] = label;
        }
        return label;
    }

    /** {@return the label of a 64-bit constant (a double's bits), zero-extended to 16 bytes} */
    public Label constant64(long bits) {
        return constant128(bits, 0);
    }

    /** {@return the label of a 32-bit constant (a float's bits), zero-extended to 16 bytes} */
    public Label constant32(int bits) {
        return constant128(bits & 0xFFFF_FFFFL, 0);
    }

    /**
     * Pads with the ISA's no-ops to a multiple of {@code alignment} (relative to the function's
     * start, which {@link AssembledCode#requiredAlignment()} aligns as much).
     *
     * @param alignment a power of two within [1, 4096]
     */
    public void align(int alignment) {
        if (alignment < 1 || alignment > MAX_ALIGNMENT || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two within [1, 4096]: " + alignment);
        }
        if (alignment == 1) {
            return;
        }
        int gap = -size & (alignment - 1);
        if (size + gap > bytes.length) {
            grow(gap);
        }
        padding.fill(bytes, size, gap);
        relaxer.addAlignment(size, gap, alignment);
        size += gap;
        maxAlignment = Math.max(maxAlignment, alignment);
    }

    /** Records that the instruction emitted next may trap with {@code trapCode}. */
    public void recordTrap(int trapCode) {
        trapSites.add(size, trapCode);
    }

    /**
     * Records that the code emitted from here on implements the operator at
     * {@code bytecodeOffset}. A second record at the same code offset replaces the first.
     */
    public void recordSourceOffset(int bytecodeOffset) {
        int entries = sourceMap.size();
        if (entries > 0 && sourceMap.first(entries - 1) == size) {
            sourceMap.setLastSecond(bytecodeOffset);
        } else {
            sourceMap.add(size, bytecodeOffset);
        }
    }

    /**
     * Relaxes branches, resolves every fixup, appends the constant pool and returns the function.
     * The buffer is unchanged; call {@link #reset()} before emitting the next function.
     *
     * @throws IllegalStateException if a branch or reference uses a label that was never bound
     */
    public AssembledCode finish() {
        checkReferencedLabelsBound();
        relaxer.relax(labelOffsets, labelEventsBefore);
        int instructionsSize = size + relaxer.totalDelta();
        int poolOffset = constants.count() == 0 ? instructionsSize
                : (instructionsSize + POOL_ALIGNMENT - 1) & -POOL_ALIGNMENT;
        byte[] code = new byte[poolOffset + constants.count() * ConstantPool.ENTRY_SIZE];
        int[] finalLabelOffsets = finalLabelOffsets(poolOffset);

        relaxer.write(bytes, size, code, finalLabelOffsets, padding);
        padding.fill(code, instructionsSize, poolOffset - instructionsSize);
        constants.writeTo(code, poolOffset);
        OffsetMap offsetMap = relaxer.offsetMap();
        for (int i = 0; i < fixupCount; i++) {
            int field = offsetMap.map(fixupFields[i]);
            int end = field + 4 + fixupTrailingBytes[i];
            Bytes.putInt(code, field, finalLabelOffsets[fixupLabels[i]] - end);
        }
        return new AssembledCode(code, instructionsSize, poolOffset, maxAlignment,
                finalTable(trapSites, offsetMap), finalTable(callSites, offsetMap), finalTable(sourceMap, offsetMap),
                this, generation, finalLabelOffsets, offsetMap, size);
    }

    /** Empties the buffer for the next function; labels of the previous one become stale. */
    public void reset() {
        size = 0;
        generation++;
        labelCount = 0;
        fixupCount = 0;
        relaxer.clear();
        constants.clear();
        trapSites.clear();
        callSites.clear();
        sourceMap.clear();
        maxAlignment = POOL_ALIGNMENT;
    }

    private int[] finalLabelOffsets(int poolOffset) {
        int[] offsets = new int[labelCount];
        for (int id = 0; id < labelCount; id++) {
            int slot = labelConstantSlots[id];
            if (slot >= 0) {
                offsets[id] = poolOffset + slot * ConstantPool.ENTRY_SIZE;
            } else if (labelOffsets[id] == UNBOUND) {
                offsets[id] = UNBOUND;
            } else {
                offsets[id] = relaxer.mapLabel(labelOffsets[id], labelEventsBefore[id]);
            }
        }
        return offsets;
    }

    private void checkReferencedLabelsBound() {
        for (int i = 0; i < relaxer.count(); i++) {
            if (relaxer.isBranch(i)) {
                checkBound(relaxer.branchTarget(i));
            }
        }
        for (int i = 0; i < fixupCount; i++) {
            checkBound(fixupLabels[i]);
        }
    }

    private void checkBound(int id) {
        if (labelOffsets[id] == UNBOUND && labelConstantSlots[id] < 0) {
            throw new IllegalStateException("label L" + id + " is used but never bound");
        }
    }

    private static OffsetTable finalTable(IntPairList entries, OffsetMap offsetMap) {
        int[] codeOffsets = new int[entries.size()];
        int[] values = new int[entries.size()];
        for (int i = 0; i < codeOffsets.length; i++) {
            codeOffsets[i] = offsetMap.map(entries.first(i));
            values[i] = entries.second(i);
        }
        return new OffsetTable(codeOffsets, values);
    }

    private int checkOwned(Label label) {
        if (label.owner != this || label.generation != generation) {
            throw new IllegalArgumentException("label " + label + " belongs to another buffer or to an earlier function");
        }
        return label.id;
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
    }
}
