package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.Label;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structured control flow: blocks, loops, ifs, branches, returns and {@code unreachable}.
 *
 * <p>Each frame's label has one state ({@link ControlFrame#target}); branches move their values
 * into it through {@link StateTransfer}. Code after a branch is dead until the next label that
 * something reaches; dead code is validated but not emitted, apart from the nesting of frames.
 */
final class ControlLowering {

    /**
     * Whether each conditional branch's lowering is checked to leave the compile-time state as it
     * found it: on when assertions are (every test) or with {@code -Dwindlass.codegen.checkState=true}.
     */
    static final boolean CHECK_STATE = ControlLowering.class.desiredAssertionStatus()
            || Boolean.getBoolean("windlass.codegen.checkState");

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;
    private final List<ControlFrame> frames = new ArrayList<>();
    private final FuncType functionType;

    ControlLowering(FunctionCompiler fc, FuncType functionType) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
        this.functionType = functionType;
        frames.add(new ControlFrame(ControlFrame.Kind.FUNCTION, functionType, 0, masm.newLabel(), null,
                new MergeState(0, new int[0], new Reg[0], new Val[0]), null, true));
    }

    /** {@return whether code emitted now would be reachable} */
    boolean reachable() {
        return top().reachable;
    }

    /** {@return whether {@code op} shapes the frames, so it matters even in dead code} */
    static boolean isStructural(Opcode op) {
        return op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF || op == Opcode.ELSE || op == Opcode.END;
    }

    void lower(Opcode op) {
        switch (op) {
            case UNREACHABLE -> {
                masm.trap(TrapCode.UNREACHABLE);
                top().reachable = false;
            }
            case BLOCK -> enter(ControlFrame.Kind.BLOCK);
            case LOOP -> enter(ControlFrame.Kind.LOOP);
            case IF -> enter(ControlFrame.Kind.IF);
            case ELSE -> elseBranch();
            case END -> end();
            case BR -> branch(fc.reader.index());
            case BR_IF -> branchIf(fc.reader.index());
            case BR_TABLE -> branchTable();
            case RETURN -> {
                emitReturn();
                top().reachable = false;
            }
            default -> throw new CodegenException("not a control operator: " + op);
        }
    }

    private ControlFrame top() {
        return frames.get(frames.size() - 1);
    }

    /** {@return the base of the innermost frame entered in live code}: the floor of the value stack */
    private int liveBase() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).label != null) {
                return frames.get(i).base;
            }
        }
        return 0;
    }

    private ControlFrame frameAt(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    // ---- entering and leaving frames --------------------------------------------------------

    private void enter(ControlFrame.Kind kind) {
        FuncType type = fc.validator.frameType(0);
        type.params().forEach(t -> fc.requireScalar(t, kind.name().toLowerCase(java.util.Locale.ROOT)));
        type.results().forEach(t -> fc.requireScalar(t, kind.name().toLowerCase(java.util.Locale.ROOT)));
        if (!reachable()) {
            frames.add(new ControlFrame(kind, type, context.height(), null, null, null, null, false));
            return; // dead code: nothing is lowered until its end, so the floor stays the live frame's
        }
        Reg condition = kind == ControlFrame.Kind.IF ? context.popToReg(Reg.Bank.INT) : null;
        context.materializeAllLocals();
        int params = type.params().size();
        int base = context.height() - params;
        Reg epochTemp = null;
        if (kind == ControlFrame.Kind.LOOP) {
            context.spillFrom(base); // the back edge brings new params: they live in their slots
            epochTemp = fc.metering.beforeLoopHeader();
        }
        List<ValType> carriedTypes = kind == ControlFrame.Kind.LOOP ? type.params() : type.results();
        Val[] carried = new Val[carriedTypes.size()];
        for (int k = 0; k < carried.length; k++) {
            carried[k] = new Val.Spilled(carriedTypes.get(k));
        }
        MergeState target = context.mergeState(base, carried);
        Label label = masm.newLabel();
        ControlFrame frame;
        if (kind == ControlFrame.Kind.IF) {
            Label elseLabel = masm.newLabel();
            Val[] paramsOnEntry = new Val[params];
            for (int k = 0; k < params; k++) {
                paramsOnEntry[k] = context.stack().get(base + k);
            }
            frame = new ControlFrame(kind, type, base, label, elseLabel, target,
                    new MergeState(base, target.positions(), target.registers(), paramsOnEntry), true);
            fc.metering.charge();
            masm.compareImmediate(condition, 0, OperandSize.S32);
            context.free(condition);
            masm.branchIf(IntCondition.EQ, elseLabel);
        } else {
            frame = new ControlFrame(kind, type, base, label, null, target, null, true);
            if (kind == ControlFrame.Kind.LOOP) {
                masm.bind(label);
                fc.metering.atLoopHeader(epochTemp);
            }
        }
        frames.add(frame);
        context.freezeBelow(base);
    }

    private void elseBranch() {
        ControlFrame frame = top();
        if (frame.elseLabel == null) { // the if itself was dead code
            frame.kind = ControlFrame.Kind.ELSE;
            return;
        }
        if (frame.reachable) {
            fc.metering.charge();
            fallThroughTo(frame);
            masm.jump(frame.label);
        }
        masm.bind(frame.elseLabel);
        context.resetTo(frame.elseState);
        frame.kind = ControlFrame.Kind.ELSE;
        frame.reachable = true;
    }

    private void end() {
        ControlFrame frame = frames.remove(frames.size() - 1);
        if (frame.label != null) {
            context.freezeBelow(liveBase());
        }
        if (frame.kind == ControlFrame.Kind.FUNCTION) {
            if (frame.reachable) {
                emitReturn();
            }
            return;
        }
        ControlFrame outer = top();
        if (frame.label == null) { // entered in dead code: everything inside was dead too
            return;
        }
        if (frame.kind == ControlFrame.Kind.LOOP) {
            // The loop's label is its head; falling out of the end keeps the values where they are.
            outer.reachable = frame.reachable;
            return;
        }
        if (frame.reachable) {
            fc.metering.charge(); // the end's label starts a new run
            fallThroughTo(frame);
        }
        if (frame.kind == ControlFrame.Kind.IF) { // no else: the false branch passes the params through
            if (frame.reachable) {
                masm.jump(frame.label);
            }
            masm.bind(frame.elseLabel);
            context.resetTo(frame.elseState);
            fallThroughTo(frame);
        }
        if (frame.labelReached) {
            masm.bind(frame.label);
            context.resetTo(frame.target);
        }
        outer.reachable = frame.labelReached;
    }

    /** Moves the frame's results into its target state; the code that follows is the label. */
    private void fallThroughTo(ControlFrame frame) {
        StateTransfer.emit(context, masm, frame.target, frame.type.results().size());
        frame.labelReached = true;
    }

    // ---- branches ---------------------------------------------------------------------------

    private void branch(int depth) {
        fc.metering.charge();
        emitBranch(frameAt(depth));
        top().reachable = false;
    }

    private void emitBranch(ControlFrame target) {
        if (target.kind == ControlFrame.Kind.FUNCTION) {
            emitReturn();
            return;
        }
        StateTransfer.emit(context, masm, target.target, target.branchArity());
        masm.jump(target.label);
        target.labelReached = true;
    }

    private void branchIf(int depth) {
        ControlFrame target = frameAt(depth);
        Reg condition = context.popToReg(Reg.Bank.INT);
        fc.metering.charge(); // both ways: before the comparison, whose flags the branch uses
        masm.compareImmediate(condition, 0, OperandSize.S32);
        context.free(condition);
        if (target.kind != ControlFrame.Kind.FUNCTION
                && StateTransfer.isNoop(context, target.target, target.branchArity())) {
            masm.branchIf(IntCondition.NE, target.label);
            target.labelReached = true;
            return;
        }
        Label skip = masm.newLabel();
        masm.branchIf(IntCondition.EQ, skip);
        emitConditionalBranch(target, "br_if", ReintroducedBug.BR_IF_RETURN_STATE);
        masm.bind(skip);
    }

    /**
     * Emits the moves and the jump of a branch taken on one path only. The code after it runs on
     * the other path, with the state as it was: so the lowering must not change it (checked when
     * {@link #CHECK_STATE} is on).
     */
    private void emitConditionalBranch(ControlFrame target, String what, ReintroducedBug bug) {
        boolean reintroduced = bug.active();
        CodeGenContext.StateCheck before = CHECK_STATE && !reintroduced ? context.captureState() : null;
        if (target.kind == ControlFrame.Kind.FUNCTION && reintroduced) {
            materializeReturnedParams();
        }
        emitBranch(target);
        if (before != null) {
            context.checkUnchanged(before, what);
        }
    }

    /**
     * Each target of a {@code br_table} gets one stub holding its branch's moves; stubs are
     * emitted in the order their targets first appear (a deterministic order: the bytes of a
     * module never depend on hashing), each from the state at the jump table.
     */
    private void branchTable() {
        Reg index = context.popToReg(Reg.Bank.INT);
        fc.metering.charge();
        int count = fc.reader.branchTargetCount();
        boolean reintroduced = ReintroducedBug.BR_TABLE_STUB_ORDER.active();
        Map<Integer, Label> stubs = reintroduced ? new HashMap<>() : new LinkedHashMap<>();
        Label[] labels = new Label[count];
        for (int i = 0; i < count; i++) {
            labels[i] = stubs.computeIfAbsent(fc.reader.branchTarget(i), d -> masm.newLabel());
        }
        int defaultDepth = fc.reader.branchDefault();
        Label defaultLabel = stubs.computeIfAbsent(defaultDepth, d -> masm.newLabel());
        masm.jumpTable(index, labels, defaultLabel);
        context.free(index);
        for (Map.Entry<Integer, Label> stub : stubs.entrySet()) {
            masm.bind(stub.getValue());
            emitConditionalBranch(frameAt(stub.getKey()), "br_table", ReintroducedBug.BR_TABLE_STUB_ORDER);
        }
        top().reachable = false;
    }

    // ---- returning --------------------------------------------------------------------------

    /**
     * Stores the results into the caller's area (result k at the slot of param k, see
     * {@link FrameLayout}) and returns. Changes nothing in the compile-time state, so that a
     * conditional return leaves the fall-through path's state intact: a result that reads a
     * param whose slot an earlier result overwrites is first copied to the frame slot of its own
     * stack position, which no other value uses while the entry is a lazy read.
     */
    private void emitReturn() {
        fc.metering.charge();
        int results = functionType.results().size();
        int height = context.height();
        FrameLayout frame = context.frame();
        boolean[] savedFirst = new boolean[results];
        for (int k = 0; k < results; k++) {
            int position = height - results + k;
            if (context.stack().get(position) instanceof Val.Local l && overwrittenBefore(l.index(), k)) {
                masm.copyFrame(frame.spillSlot(position), frame.localOffset(l.index()), OperandSize.of(l.type()));
                savedFirst[k] = true;
            }
        }
        for (int k = 0; k < results; k++) {
            int position = height - results + k;
            Val val = context.stack().get(position);
            int slot = FrameLayout.FIRST_PARAM_OFFSET + FrameLayout.SLOT_SIZE * k;
            // a result saved first is read from its own stack position's slot, as a spilled value is
            context.moves().toSlot(ValMoves.Slot.frame(slot), savedFirst[k] ? new Val.Spilled(val.type()) : val,
                    position);
        }
        masm.epilogueAndReturn();
    }

    /** {@return whether param {@code local}'s slot is written by a result before result {@code k} is stored} */
    private boolean overwrittenBefore(int local, int k) {
        return local < functionType.params().size() && local < k;
    }

    /** The old, stateful way of freeing the params a return overwrites: see {@link ReintroducedBug}. */
    private void materializeReturnedParams() {
        int results = functionType.results().size();
        int height = context.height();
        for (int k = 0; k < results; k++) {
            if (context.stack().get(height - results + k) instanceof Val.Local l
                    && l.index() < Math.min(results, functionType.params().size())) {
                context.materializeLocal(l.index());
            }
        }
    }
}
