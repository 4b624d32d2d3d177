package dev.windlass.sandbox.fuzz;

import dev.windlass.sandbox.fuzz.BodyState.Kind;
import dev.windlass.sandbox.fuzz.BodyState.Label;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks, ifs and loops (with params and several results), and branches that carry the values
 * on the stack to every depth, the function's own label included: {@code br_if} whose
 * fall-through values go on being used, {@code br}, {@code return}, and {@code br_table} with
 * many targets. A single-pass compiler merges its compile-time state at each label; these are
 * the places where the paths into a merge can disagree about where a value is.
 *
 * <p>Loops always end: each has a counter local set before it, and every branch back to it
 * (its own back edge and any {@code br_if} from inside) first decrements the counter and is
 * taken only while it stays positive. {@code br} and {@code br_table} never target a loop.
 */
final class ControlGenerator extends GeneratorPart {

    /** How likely a branch that may go to the function's label does (a conditional return). */
    private static final int FUNCTION_TARGET_PERCENT = 40;

    ControlGenerator(BodyGenerator g) {
        super(g);
    }

    /** Pushes {@code want} from a block, an if or a loop, with params half of the time. */
    void structured(List<ValType> want, int depth) {
        int pick = s.random.nextInt(100);
        List<ValType> params = pick < 25 ? s.scalars.types(1 + s.random.nextInt(3))
                : pick < 30 ? s.scalars.types(10 + s.random.nextInt(10)) : List.of();
        int kind = s.random.nextInt(100);
        if (kind < 20 && s.loopNesting() < 3) {
            loop(params, want, depth);
            return;
        }
        g.expressions.values(params, depth - 1);
        if (kind < 60) {
            s.emit(Opcode.BLOCK);
            s.emitBlockType(params, want);
            s.labels.add(new Label(Kind.BLOCK, want, -1));
            body(params, want, depth - 1);
        } else {
            g.expressions.condition(depth - 1);
            s.emit(Opcode.IF);
            s.emitBlockType(params, want);
            s.labels.add(new Label(Kind.IF, want, -1));
            body(params, want, depth - 1);
            if (!params.equals(want) || s.chance(50)) {
                s.emit(Opcode.ELSE);
                body(params, want, depth - 1);
            }
        }
        s.labels.remove(s.labels.size() - 1);
        s.emit(Opcode.END);
    }

    /** A block or if body: statements, then the results from the params, or a branch away. */
    private void body(List<ValType> params, List<ValType> want, int depth) {
        g.effects.statements(s.random.nextInt(4), depth);
        if (s.chance(15)) {
            branchAway(depth);
        } else {
            g.expressions.transform(params, want, depth);
        }
    }

    /**
     * {@code loop (param P) (result R)}: statements, new params, the counted back edge, results.
     * The counter is set before the params are pushed, so they are live across that too.
     */
    private void loop(List<ValType> params, List<ValType> want, int depth) {
        int counter = s.enterLoop();
        s.emitConstant(ValType.I32, 1 + s.random.nextInt(3));
        s.emitLocal(Opcode.LOCAL_SET, counter);
        g.expressions.values(params, depth - 1);
        s.emit(Opcode.LOOP);
        s.emitBlockType(params, want);
        Label label = new Label(Kind.LOOP, params, counter);
        s.labels.add(label);
        g.effects.statements(s.random.nextInt(4), depth - 1);
        if (!params.isEmpty() && s.chance(50)) {
            g.expressions.transform(params, params, depth - 1);
        }
        countedCondition(label, -1);
        s.code.op(Opcode.BR_IF).u32(0);
        g.expressions.transform(params, want, depth - 1);
        s.labels.remove(s.labels.size() - 1);
        s.leaveLoop();
        s.emit(Opcode.END);
    }

    /**
     * Pushes an i32 that is true only while the loop's counter, decremented here, stays positive;
     * and'ed with a random condition unless {@code depth} is negative.
     */
    private void countedCondition(Label loop, int depth) {
        s.emitLocal(Opcode.LOCAL_GET, loop.counterLocal());
        s.emitConstant(ValType.I32, 1);
        s.emit(Opcode.I32_SUB);
        s.emitLocal(Opcode.LOCAL_TEE, loop.counterLocal());
        s.emitConstant(ValType.I32, 0);
        s.emit(Opcode.I32_GT_S);
        if (depth >= 0) {
            g.expressions.condition(depth);
            s.emit(Opcode.I32_AND);
        }
    }

    /**
     * Pushes {@code want} through a {@code br_if} to a label that carries exactly those types
     * (the function's own, a conditional return, when it can): the values stay on the stack
     * for the code that follows when the branch is not taken. {@return false, emitting nothing,
     * if no label carries {@code want}}
     */
    boolean branchCarrying(List<ValType> want, int depth) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < s.labels.size(); i++) {
            if (s.labels.get(i).branchTypes().equals(want)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        branchIf(candidates.get(0) == 0 && s.chance(FUNCTION_TARGET_PERCENT) ? 0 : s.pick(candidates), depth);
        return true;
    }

    /** A {@code br_if} to any label, its fall-through values then used up. */
    void branchIfAndUseUp(int depth) {
        int target = s.chance(FUNCTION_TARGET_PERCENT) ? 0 : s.random.nextInt(s.labels.size());
        branchIf(target, depth);
        g.expressions.useUp(s.labels.get(target).branchTypes());
    }

    private void branchIf(int labelIndex, int depth) {
        Label label = s.labels.get(labelIndex);
        g.expressions.values(label.branchTypes(), depth - 1);
        if (label.kind() == Kind.LOOP) {
            countedCondition(label, depth - 1);
        } else {
            g.expressions.condition(depth - 1);
        }
        s.code.op(Opcode.BR_IF).u32(s.depth(labelIndex));
    }

    /** An unconditional {@code br}, {@code return} or {@code br_table}: the code after it is unreachable. */
    void branchAway(int depth) {
        int pick = s.random.nextInt(100);
        if (pick < 40) {
            int target = randomNonLoopLabel();
            g.expressions.values(s.labels.get(target).branchTypes(), depth - 1);
            s.code.op(Opcode.BR).u32(s.depth(target));
        } else if (pick < 60) {
            g.expressions.values(s.type.results(), depth - 1);
            s.emit(Opcode.RETURN);
        } else {
            branchTable(depth);
        }
    }

    private int randomNonLoopLabel() {
        if (s.chance(FUNCTION_TARGET_PERCENT)) {
            return 0;
        }
        int index = s.random.nextInt(s.labels.size());
        return s.labels.get(index).kind() == Kind.LOOP ? 0 : index;
    }

    /**
     * {@code br_table} over the labels that carry one label's types, the function's often among
     * them, up to 24 targets with repeats, an index that is mostly in range.
     */
    private void branchTable(int depth) {
        List<ValType> carried = s.labels.get(randomNonLoopLabel()).branchTypes();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < s.labels.size(); i++) {
            Label label = s.labels.get(i);
            if (label.kind() != Kind.LOOP && label.branchTypes().equals(carried)) {
                candidates.add(i);
            }
        }
        int count = s.random.nextInt(s.chance(30) ? 25 : 6);
        g.expressions.values(carried, depth - 1);
        int pick = s.random.nextInt(100);
        if (pick < 30) {
            g.expressions.leaf(ValType.I32);
        } else if (pick < 60) {
            g.expressions.value(ValType.I32, depth - 1);
            s.emitConstant(ValType.I32, count + 1);
            s.emit(Opcode.I32_REM_U);
        } else if (pick < 80) {
            s.emitConstant(ValType.I32, s.random.nextInt(count + 2));
        } else {
            g.expressions.value(ValType.I32, depth - 1);
        }
        s.code.op(Opcode.BR_TABLE).u32(count);
        for (int k = 0; k <= count; k++) { // the targets, then the default
            boolean function = candidates.get(0) == 0 && s.chance(FUNCTION_TARGET_PERCENT);
            s.code.u32(s.depth(function ? 0 : s.pick(candidates)));
        }
    }

    /**
     * Pushes {@code want} from 12 to 23 nested blocks, most of the same types, whose innermost
     * code branches to them (and past them to the function's label) with {@code br_if} and
     * {@code br_table}: a compiler's tables of many targets, each with its own merge.
     */
    void deepNest(List<ValType> want, int depth) {
        int levels = 12 + s.random.nextInt(12);
        List<List<ValType>> types = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            types.add(level == 0 || s.chance(75) ? want
                    : s.chance(50) ? s.type.results() : s.scalars.types(s.random.nextInt(3)));
            s.emit(Opcode.BLOCK);
            s.emitBlockType(List.of(), types.get(level));
            s.labels.add(new Label(Kind.BLOCK, types.get(level), -1));
        }
        g.effects.statements(s.random.nextInt(3), depth - 1);
        if (s.chance(70)) {
            branchTable(depth);
        } else {
            g.expressions.values(types.get(levels - 1), depth - 1);
        }
        for (int level = levels - 1; level >= 0; level--) {
            s.labels.remove(s.labels.size() - 1);
            s.emit(Opcode.END);
            if (level > 0) {
                List<ValType> inner = types.get(level);
                List<ValType> outer = types.get(level - 1);
                if (s.chance(20)) {
                    g.effects.statement(depth - 1);
                }
                if (!inner.equals(outer) || s.chance(20)) {
                    g.expressions.transform(inner, outer, depth - 1);
                }
            }
        }
    }
}
