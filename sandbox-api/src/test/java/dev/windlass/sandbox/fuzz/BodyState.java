package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One function body while it is generated: its locals, the labels around the code being
 * written (the function's own first), the code, and how much more code it may get.
 *
 * <p>Some locals are the generator's own and never read or written at random: loop counters
 * (one per loop nesting level, so an inner loop cannot reset an outer one's), accumulators that
 * fold values into one, and scratch locals for NaN canonicalization.
 */
final class BodyState {

    /** What a label belongs to; a loop's label carries its counter local. */
    enum Kind { FUNCTION, BLOCK, IF, LOOP }

    /** A label: the types a branch to it carries (a loop's params, other labels' results). */
    record Label(Kind kind, List<ValType> branchTypes, int counterLocal) {
    }

    final Random random;
    final ScalarGenerator scalars;
    final ModulePlan module;
    final int generatedIndex;
    final FuncType type;
    final List<ValType> locals = new ArrayList<>();
    final List<Label> labels = new ArrayList<>();
    final WasmBinary code = new WasmBinary();
    private final Set<Integer> reserved = new HashSet<>();
    private final List<Integer> loopCounters = new ArrayList<>();
    private final Map<ValType, Integer> accumulators = new EnumMap<>(ValType.class);
    private final Map<ValType, Integer> nanScratch = new EnumMap<>(ValType.class);
    private int loopNesting;
    /** Operators left before expressions shrink to leaves. */
    int budget;

    BodyState(Random random, ModulePlan module, int generatedIndex, int budget) {
        this.random = random;
        this.scalars = new ScalarGenerator(random);
        this.module = module;
        this.generatedIndex = generatedIndex;
        this.type = module.functions.get(generatedIndex);
        this.budget = budget;
        locals.addAll(type.params());
        labels.add(new Label(Kind.FUNCTION, type.results(), -1));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    int declaredLocalCount() {
        return locals.size() - type.params().size();
    }

    int declareLocal(ValType type) {
        locals.add(type);
        return locals.size() - 1;
    }

    /**
     * {@return a local of {@code type} the body may read and write, or -1 if there is none}.
     * Low indices are favoured: results are returned in the slots of the first params.
     */
    int local(ValType type) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < locals.size(); i++) {
            if (locals.get(i) == type && !reserved.contains(i)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return -1;
        }
        return chance(40) ? candidates.get(0) : pick(candidates);
    }

    /** {@return the accumulator of {@code type}}: folds run straight, so one per type suffices */
    int accumulator(ValType type) {
        return accumulators.computeIfAbsent(type, this::reservedLocal);
    }

    /** {@return the scratch local that NaN canonicalization of {@code type} uses} */
    int nanScratch(ValType type) {
        return nanScratch.computeIfAbsent(type, this::reservedLocal);
    }

    private int reservedLocal(ValType type) {
        int index = declareLocal(type);
        reserved.add(index);
        return index;
    }

    /** Enters a loop: {@return the counter local of its nesting level} */
    int enterLoop() {
        if (loopNesting == loopCounters.size()) {
            loopCounters.add(reservedLocal(ValType.I32));
        }
        return loopCounters.get(loopNesting++);
    }

    void leaveLoop() {
        loopNesting--;
    }

    int loopNesting() {
        return loopNesting;
    }

    /** {@return the relative depth a branch to {@code labels.get(index)} names} */
    int depth(int labelIndex) {
        return labels.size() - 1 - labelIndex;
    }

    void emit(Opcode op) {
        code.op(op);
    }

    void emitLocal(Opcode op, int index) {
        code.op(op).u32(index);
    }

    void emitConstant(ValType type, long bits) {
        code.constant(type, bits);
    }

    /** Emits a block type: empty, one result, or a type index for anything with params or results beyond one. */
    void emitBlockType(List<ValType> params, List<ValType> results) {
        if (params.isEmpty() && results.isEmpty()) {
            code.u8(0x40);
        } else if (params.isEmpty() && results.size() == 1 && !chance(10)) {
            code.u8(results.get(0).code());
        } else {
            code.s64(module.typeIndex(new FuncType(params, results)));
        }
    }

    /** {@return the generated functions after this one: direct calls only go forward, so they end} */
    List<Integer> laterFunctions() {
        List<Integer> later = new ArrayList<>();
        for (int f = generatedIndex + 1; f < module.functions.size(); f++) {
            later.add(f);
        }
        return later;
    }
}
