package dev.windlass.winch.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves the values of the current stack into the state a branch target expects
 * ({@link ControlFrame#target}), without changing what the code generator believes (the caller
 * does that, at the label).
 *
 * <p>A target state has two parts. Below the target frame's base, each entry has the location it
 * had when the frame was entered: a register, its own frame slot, or a constant. Those entries
 * cannot have been popped since, only spilled or moved to another register, so the transfer
 * reloads or moves them back. The values the branch carries (a block's results, a loop's
 * params) always go to their frame slots: their sources sit higher on the stack, so copying them
 * in increasing order never overwrites a slot still to be read. In order:
 * <ol>
 *   <li>carried values to their slots;</li>
 *   <li>entries now in a register whose target is their slot: stored;</li>
 *   <li>entries in the wrong register: a parallel move, cycles broken by exchanges;</li>
 *   <li>entries now in their slot whose target is a register: loaded.</li>
 * </ol>
 * Each step only writes locations no later step reads.
 */
final class StateTransfer {

    private StateTransfer() {
    }

    /**
     * Emits the moves from the current state of {@code context} to {@code target}, for a branch
     * carrying the top {@code arity} values to a frame whose base is {@code base}.
     */
    static void emit(CodeGenContext context, MacroAssembler masm, Val[] target, int base, int arity) {
        ValueStack stack = context.stack();
        FrameLayout frame = context.frame();
        int height = stack.size();

        for (int k = 0; k < arity; k++) {
            int s = height - arity + k;
            context.moves().toSlot(ValMoves.Slot.frame(frame.spillSlot(base + k)), stack.get(s), s);
        }

        List<Reg> moveSources = new ArrayList<>();
        List<Reg> moveTargets = new ArrayList<>();
        for (int i = 0; i < base; i++) {
            Val want = target[i];
            Val have = stack.get(i);
            OperandSize size = OperandSize.of(want.type());
            if (want instanceof Val.Spilled && have instanceof Val.InReg r) {
                masm.storeFrame(frame.spillSlot(i), r.reg(), size);
            } else if (want instanceof Val.InReg w && have instanceof Val.InReg r && !w.reg().equals(r.reg())) {
                moveSources.add(r.reg());
                moveTargets.add(w.reg());
            } else if (!consistent(want, have)) {
                throw new CodegenException("cannot move " + have + " at stack position " + i + " to " + want);
            }
        }
        parallelMove(masm, moveSources, moveTargets);
        for (int i = 0; i < base; i++) {
            if (target[i] instanceof Val.InReg w && stack.get(i) instanceof Val.Spilled) {
                masm.loadFrame(w.reg(), frame.spillSlot(i), OperandSize.of(w.type()));
            }
        }
    }

    /** {@return whether the current state already is {@code target}, so a branch needs no moves} */
    static boolean isNoop(CodeGenContext context, Val[] target, int base, int arity) {
        ValueStack stack = context.stack();
        int height = stack.size();
        if (arity > 0 && height - arity != base) {
            return false;
        }
        for (int k = 0; k < arity; k++) {
            if (!(stack.get(base + k) instanceof Val.Spilled)) {
                return false;
            }
        }
        for (int i = 0; i < base; i++) {
            Val want = target[i];
            Val have = stack.get(i);
            boolean same = switch (want) {
                case Val.Const c -> true;
                case Val.Spilled sp -> have instanceof Val.Spilled;
                case Val.InReg r -> have instanceof Val.InReg h && h.reg().equals(r.reg());
                case Val.Local l -> false;
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code have} needs no move to become {@code want}, or is handled by a move step. */
    private static boolean consistent(Val want, Val have) {
        return switch (want) {
            case Val.Const c -> true; // the value is known on both sides; nothing holds it
            case Val.Spilled s -> have instanceof Val.Spilled;
            case Val.InReg r -> have instanceof Val.InReg || have instanceof Val.Spilled;
            case Val.Local l -> false;
        };
    }

    /**
     * Emits {@code targets[i] = sources[i]} for all i at once: every target is distinct, a source
     * may be another move's target. Moves whose target no pending move still reads go first;
     * what remains are cycles, each resolved by exchanges.
     */
    private static void parallelMove(MacroAssembler masm, List<Reg> sources, List<Reg> targets) {
        while (!sources.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < sources.size(); i++) {
                Reg dst = targets.get(i);
                if (!sources.contains(dst)) {
                    masm.move(dst, sources.get(i), OperandSize.S64);
                    sources.remove(i);
                    targets.remove(i);
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                // Every remaining target is also a source: a cycle. Exchange the first pair,
                // after which the moves that read the exchanged registers read the other one.
                Reg a = sources.get(0);
                Reg b = targets.get(0);
                masm.swap(a, b);
                sources.remove(0);
                targets.remove(0);
                for (int i = 0; i < sources.size(); i++) {
                    if (sources.get(i).equals(b)) {
                        sources.set(i, a);
                    }
                }
            }
        }
    }
}
