package dev.windlass.winch.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves the values of the current stack into the state a branch target expects
 * ({@link ControlFrame#target}, a {@link MergeState}), without changing what the code generator
 * believes (the caller does that, at the label).
 *
 * <p>A target state has two parts. Below the target frame's base, each entry has the location it
 * had when the frame was entered; only those that held a register can have changed since
 * (spilled, or moved to another register: {@link ValueStack#freezeBelow}), so the state lists
 * just them and the transfer moves or reloads them back. The values the branch carries (a
 * block's results, a loop's params) always go to their frame slots: their sources sit higher on
 * the stack, so copying them in increasing order never overwrites a slot still to be read. In
 * order:
 * <ol>
 *   <li>carried values to their slots;</li>
 *   <li>entries in the wrong register: a parallel move, cycles broken by exchanges;</li>
 *   <li>entries now in their slot whose target is a register: loaded.</li>
 * </ol>
 * Each step only writes locations no later step reads. The work is proportional to the carried
 * values and the registers, never to the height of the stack.
 */
final class StateTransfer {

    private StateTransfer() {
    }

    /**
     * Emits the moves from the current state of {@code context} to {@code target}, for a branch
     * carrying the top {@code arity} values.
     */
    static void emit(CodeGenContext context, MacroAssembler masm, MergeState target, int arity) {
        ValueStack stack = context.stack();
        FrameLayout frame = context.frame();
        int base = target.base();
        int height = stack.size();

        for (int k = 0; k < arity; k++) {
            int s = height - arity + k;
            context.moves().toSlot(ValMoves.Slot.frame(frame.spillSlot(base + k)), stack.get(s), s);
        }

        checkNoOtherRegistersBelow(stack, target);
        List<Reg> moveSources = new ArrayList<>();
        List<Reg> moveTargets = new ArrayList<>();
        for (int i = 0; i < target.positions().length; i++) {
            Reg want = target.registers()[i];
            Val have = stack.get(target.positions()[i]);
            if (have instanceof Val.InReg r) {
                if (!r.reg().equals(want)) {
                    moveSources.add(r.reg());
                    moveTargets.add(want);
                }
            } else if (!(have instanceof Val.Spilled)) {
                throw new CodegenException("cannot move " + have + " at stack position " + target.positions()[i]
                        + " to " + want);
            }
        }
        parallelMove(masm, moveSources, moveTargets);
        for (int i = 0; i < target.positions().length; i++) {
            int position = target.positions()[i];
            Val have = stack.get(position);
            if (have instanceof Val.Spilled) {
                masm.loadFrame(target.registers()[i], frame.spillSlot(position), OperandSize.of(have.type()));
            }
        }
    }

    /**
     * A register held below the target's base that the target does not list would be a value the
     * label believes is in its slot: impossible by {@link ValueStack#freezeBelow}, checked here.
     */
    private static void checkNoOtherRegistersBelow(ValueStack stack, MergeState target) {
        for (int id = 0; id < ValueStack.registerIds(); id++) {
            Reg reg = ValueStack.reg(id);
            int position = stack.holderOf(reg);
            if (position >= 0 && position < target.base() && target.registerAt(position) == null) {
                throw new CodegenException("stack position " + position + " holds " + reg
                        + ", but the branch target expects it in its slot");
            }
        }
    }

    /** {@return whether the current state already is {@code target}, so a branch needs no moves} */
    static boolean isNoop(CodeGenContext context, MergeState target, int arity) {
        ValueStack stack = context.stack();
        int base = target.base();
        if (arity > 0 && stack.size() - arity != base) {
            return false;
        }
        for (int k = 0; k < arity; k++) {
            if (!(stack.get(base + k) instanceof Val.Spilled)) {
                return false;
            }
        }
        for (int i = 0; i < target.positions().length; i++) {
            if (!(stack.get(target.positions()[i]) instanceof Val.InReg have && have.reg().equals(target.registers()[i]))) {
                return false;
            }
        }
        return true;
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
