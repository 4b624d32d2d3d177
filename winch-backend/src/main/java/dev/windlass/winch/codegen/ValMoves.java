package dev.windlass.winch.codegen;

/**
 * The one place that knows how each kind of {@link Val} moves to where code needs it: into a
 * register ({@link #toReg}) or into a slot of the frame or of the outgoing area ({@link #toSlot}).
 *
 * <pre>
 *   from \ to     register                    slot (frame or outgoing)
 *   Const         load immediate              store immediate (wide ones through the scratch register)
 *   Local         load from the local's slot  copy from the local's slot (through the scratch register)
 *   InReg         register move (if another)  store
 *   Spilled       load from its stack slot    copy from its stack slot (none if it is the same slot)
 * </pre>
 *
 * A {@code Spilled} value's slot is that of its stack position ({@link FrameLayout#spillSlot}),
 * so both moves take the position the value sits (or sat) at. Neither move changes the
 * compile-time state: the caller decides what the stack believes afterwards.
 */
final class ValMoves {

    private final MacroAssembler masm;
    private final FrameLayout frame;

    ValMoves(MacroAssembler masm, FrameLayout frame) {
        this.masm = masm;
        this.frame = frame;
    }

    /**
     * A destination slot: frame-pointer relative ({@link #frame}) or in the outgoing area,
     * stack-pointer relative ({@link #outgoing}).
     */
    record Slot(boolean outgoing, int offset) {

        /** {@return the frame slot at frame-pointer offset {@code fpOffset}} */
        static Slot frame(int fpOffset) {
            return new Slot(false, fpOffset);
        }

        /** {@return the outgoing-area slot at stack-pointer offset {@code spOffset}} */
        static Slot outgoing(int spOffset) {
            return new Slot(true, spOffset);
        }
    }

    /** Moves {@code val}, which sits at stack position {@code position}, into {@code dst}. */
    void toReg(Reg dst, Val val, int position) {
        OperandSize size = OperandSize.of(val.type());
        switch (val) {
            case Val.Const c -> masm.loadImmediate(dst, c.bits(), size);
            case Val.Local l -> masm.loadFrame(dst, frame.localOffset(l.index()), size);
            case Val.InReg r -> {
                if (!r.reg().equals(dst)) {
                    masm.move(dst, r.reg(), size);
                }
            }
            case Val.Spilled s -> masm.loadFrame(dst, frame.spillSlot(position), size);
        }
    }

    /** Moves {@code val}, which sits at stack position {@code position}, into {@code dst}. */
    void toSlot(Slot dst, Val val, int position) {
        OperandSize size = OperandSize.of(val.type());
        switch (val) {
            case Val.InReg r -> store(dst, r.reg(), size);
            case Val.Const c -> storeConstant(dst, c.bits(), size);
            case Val.Local l -> copyFromFrame(dst, frame.localOffset(l.index()), size);
            case Val.Spilled s -> {
                int source = frame.spillSlot(position);
                if (dst.outgoing() || dst.offset() != source) {
                    copyFromFrame(dst, source, size);
                }
            }
        }
    }

    private void store(Slot dst, Reg src, OperandSize size) {
        if (dst.outgoing()) {
            masm.storeOutgoing(dst.offset(), src, size);
        } else {
            masm.storeFrame(dst.offset(), src, size);
        }
    }

    private void storeConstant(Slot dst, long bits, OperandSize size) {
        if (dst.outgoing()) {
            masm.storeOutgoingConstant(dst.offset(), bits, size);
        } else {
            masm.storeFrameConstant(dst.offset(), bits, size);
        }
    }

    private void copyFromFrame(Slot dst, int fpOffset, OperandSize size) {
        if (dst.outgoing()) {
            masm.copyFrameToOutgoing(dst.offset(), fpOffset, size);
        } else {
            masm.copyFrame(dst.offset(), fpOffset, size);
        }
    }
}
