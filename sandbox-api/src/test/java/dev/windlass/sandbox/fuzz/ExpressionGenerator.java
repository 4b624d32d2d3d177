package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.Immediate;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Code that pushes values of given types: leaves (lazy local reads, constants, globals),
 * numeric operators from {@link Opcode}'s signature table, {@code select} (typed and untyped),
 * {@code local.tee}, conversions that leave junk in a register's upper half, many values at
 * once (more than there are registers), and the folds that turn what is on the stack into the
 * types wanted. Loads, calls and control come from their own generators; any of them can stand
 * where a value is wanted.
 *
 * <p>Wasm leaves the sign and payload of a NaN that arithmetic makes open, so a NaN must not
 * reach what compares bits: before {@code reinterpret}, as the sign of {@code copysign} and
 * before a store, floats pass {@link #valueWithoutNaN}.
 */
final class ExpressionGenerator extends GeneratorPart {

    /** Operators with a fixed signature of number operands and one number result, by result. */
    private static final Map<ValType, List<Opcode>> OPERATORS = new EnumMap<>(ValType.class);
    /** Comparisons (and {@code eqz}): what conditions are made of. */
    private static final List<Opcode> COMPARISONS = new ArrayList<>();
    /** Binary operators of one type that never trap: what {@link #fold} combines with. */
    private static final Map<ValType, List<Opcode>> COMBINERS = new EnumMap<>(ValType.class);
    /** Conversions that never trap and keep NaN bits from integers, by operand and result type. */
    private static final Map<ValType, Map<ValType, List<Opcode>>> CONVERSIONS = new EnumMap<>(ValType.class);

    static {
        for (ValType type : ScalarGenerator.SCALARS) {
            OPERATORS.put(type, new ArrayList<>());
            COMBINERS.put(type, new ArrayList<>());
            CONVERSIONS.put(type, new EnumMap<>(ValType.class));
        }
        for (Opcode op : Opcode.values()) {
            if (!op.hasFixedSignature() || op.immediate() != Immediate.NONE || op.feature() != null
                    || op.prefix() == Opcode.PREFIX_FD || op.resultCount() != 1 || !OPERATORS.containsKey(op.result(0))) {
                continue;
            }
            boolean scalarOperands = true;
            for (int i = 0; i < op.paramCount(); i++) {
                scalarOperands &= OPERATORS.containsKey(op.param(i));
            }
            if (!scalarOperands || op.paramCount() == 0) {
                continue;
            }
            ValType result = op.result(0);
            OPERATORS.get(result).add(op);
            if (result == ValType.I32 && op.text().matches(".*\\.(eqz?|ne|[lg][te](_[su])?)")) {
                COMPARISONS.add(op);
            }
            if (traps(op) || seesNaNBits(op)) {
                continue;
            }
            if (op.paramCount() == 2 && op.param(0) == result && op.param(1) == result) {
                COMBINERS.get(result).add(op);
            } else if (op.paramCount() == 1 && op.param(0) != result) {
                CONVERSIONS.get(op.param(0)).computeIfAbsent(result, r -> new ArrayList<>()).add(op);
            }
        }
    }

    ExpressionGenerator(BodyGenerator g) {
        super(g);
    }

    private static boolean traps(Opcode op) {
        return isIntegerDivision(op) || op.text().contains(".trunc_f");
    }

    private static boolean isIntegerDivision(Opcode op) {
        return op.text().startsWith("i") && (op.text().contains(".div") || op.text().contains(".rem"));
    }

    /** Float to integer reinterpretations and copysign: their result depends on a NaN's bits. */
    private static boolean seesNaNBits(Opcode op) {
        return op == Opcode.I32_REINTERPRET_F32 || op == Opcode.I64_REINTERPRET_F64
                || op == Opcode.F32_COPYSIGN || op == Opcode.F64_COPYSIGN;
    }

    /** Pushes values of {@code types}, one by one or several by one construct. */
    void values(List<ValType> types, int depth) {
        int i = 0;
        while (i < types.size()) {
            int left = types.size() - i;
            if (left >= 2 && depth > 0 && s.chance(25)) {
                int length = 2 + s.random.nextInt(left - 1);
                several(types.subList(i, i + length), depth);
                i += length;
            } else {
                value(types.get(i), depth);
                i++;
            }
        }
    }

    /** Pushes {@code types} by one construct: a branch that carries them, a call, or a block, if or loop. */
    void several(List<ValType> types, int depth) {
        int pick = s.random.nextInt(100);
        if (pick < 35 && g.control.branchCarrying(types, depth)) {
            return;
        }
        if (pick < 60) {
            g.calls.callProducing(types, depth);
        } else {
            g.control.structured(types, depth);
        }
    }

    /** Pushes one value of {@code type} (or makes the code unreachable, which any type may follow). */
    void value(ValType type, int depth) {
        s.budget--;
        if (depth <= 0 || s.budget <= 0) {
            leaf(type);
            return;
        }
        int pick = s.random.nextInt(100);
        if (pick < 20) {
            leaf(type);
        } else if (pick < 40) {
            operator(type, depth);
        } else if (pick < 44) {
            select(type, depth);
        } else if (pick < 49) {
            g.memory.load(type, depth);
        } else if (pick < 54) {
            tee(type, depth);
        } else if (pick < 59) {
            g.calls.callProducing(List.of(type), depth);
        } else if (pick < 71) {
            if (!g.control.branchCarrying(List.of(type), depth)) {
                leaf(type);
            }
        } else if (pick < 81) {
            g.control.structured(List.of(type), depth);
        } else if (pick < 88) {
            g.effects.statement(depth - 1); // an effect while the operands below wait on the stack
            value(type, depth - 1);
        } else if (pick < 93) {
            junkInUpperBits(type, depth);
        } else if (pick < 96) {
            wide(type, depth);
        } else if (pick < 98) {
            g.control.deepNest(List.of(type), depth);
        } else {
            g.control.branchAway(depth);
        }
    }

    /** A lazy local read (low indices favoured), a constant or a global. */
    void leaf(ValType type) {
        int pick = s.random.nextInt(100);
        if (pick < 55) {
            int local = s.local(type);
            if (local >= 0) {
                s.emitLocal(Opcode.LOCAL_GET, local);
                return;
            }
        }
        if (pick < 65) {
            List<Integer> globals = globals(type, false);
            if (!globals.isEmpty()) {
                s.code.op(Opcode.GLOBAL_GET).u32(s.pick(globals));
                return;
            }
        }
        s.emitConstant(type, s.scalars.constant(type));
    }

    /** {@return the generator's globals of {@code type} (the budget excluded), only mutable ones if asked} */
    List<Integer> globals(ValType type, boolean mutableOnly) {
        List<Integer> globals = new ArrayList<>();
        for (int i = ModulePlan.BUDGET_GLOBAL + 1; i < s.module.globalTypes.size(); i++) {
            if (s.module.globalTypes.get(i) == type && (!mutableOnly || s.module.globalMutable.get(i))) {
                globals.add(i);
            }
        }
        return globals;
    }

    private void operator(ValType type, int depth) {
        Opcode op = s.pick(OPERATORS.get(type));
        if (isIntegerDivision(op)) {
            value(type, depth - 1);
            divisor(type, depth - 1);
        } else if (op == Opcode.F32_COPYSIGN || op == Opcode.F64_COPYSIGN) {
            value(type, depth - 1);
            valueWithoutNaN(type, depth - 1);
        } else if (seesNaNBits(op)) {
            valueWithoutNaN(op.param(0), depth - 1);
        } else {
            for (int i = 0; i < op.paramCount(); i++) {
                value(op.param(i), depth - 1);
            }
        }
        s.emit(op);
    }

    /** Mostly a divisor that cannot trap ({@code x & 0x7fffffff | 1}), sometimes any value. */
    private void divisor(ValType type, int depth) {
        value(type, depth);
        if (s.chance(80)) {
            boolean i32 = type == ValType.I32;
            s.emitConstant(type, i32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
            s.emit(i32 ? Opcode.I32_AND : Opcode.I64_AND);
            s.emitConstant(type, 1);
            s.emit(i32 ? Opcode.I32_OR : Opcode.I64_OR);
        }
    }

    private void select(ValType type, int depth) {
        value(type, depth - 1);
        value(type, depth - 1);
        condition(depth - 1);
        if (s.chance(50)) {
            s.emit(Opcode.SELECT);
        } else {
            s.code.op(Opcode.SELECT_TYPED).u32(1).u8(type.code());
        }
    }

    /** {@code local.tee} of a local that a lazy read below may still refer to. */
    private void tee(ValType type, int depth) {
        int local = s.local(type);
        value(type, depth - 1);
        if (local >= 0) {
            s.emitLocal(Opcode.LOCAL_TEE, local);
        }
    }

    /** Pushes an i32 for {@code if}, {@code br_if} and {@code select}: comparisons, wrapped i64s, params. */
    void condition(int depth) {
        int pick = s.random.nextInt(100);
        if (depth <= 0 || pick < 25) {
            leaf(ValType.I32);
        } else if (pick < 50) {
            Opcode comparison = s.pick(COMPARISONS);
            for (int i = 0; i < comparison.paramCount(); i++) {
                value(comparison.param(i), depth - 1);
            }
            s.emit(comparison);
        } else if (pick < 70) {
            junkInUpperBits(ValType.I32, depth);
        } else {
            value(ValType.I32, depth - 1);
        }
    }

    /**
     * A value made from a wider or narrower one: an i64 with junk above bit 31 wrapped to an
     * i32, an extended i32, a float converted from such integers. A compiler that forgets to
     * clear or extend a register's upper half gets these wrong.
     */
    void junkInUpperBits(ValType type, int depth) {
        switch (type) {
            case I32 -> {
                value(ValType.I64, depth - 1);
                s.emitConstant(ValType.I64, s.random.nextLong() & 0xFFFF_FFFF_0000_0000L | s.random.nextInt(4));
                s.emit(s.pick(List.of(Opcode.I64_ADD, Opcode.I64_XOR, Opcode.I64_OR, Opcode.I64_SUB)));
                s.emit(Opcode.I32_WRAP_I64);
            }
            case I64 -> {
                junkInUpperBits(ValType.I32, depth - 1);
                s.emit(s.pick(List.of(Opcode.I64_EXTEND_I32_S, Opcode.I64_EXTEND_I32_U)));
            }
            case F32, F64 -> {
                junkInUpperBits(ValType.I64, depth - 1);
                boolean signed = s.chance(50);
                s.emit(type == ValType.F32 ? (signed ? Opcode.F32_CONVERT_I64_S : Opcode.F32_CONVERT_I64_U)
                        : (signed ? Opcode.F64_CONVERT_I64_S : Opcode.F64_CONVERT_I64_U));
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    /** More values of mixed types than there are registers, then folded into one of {@code type}. */
    private void wide(ValType type, int depth) {
        List<ValType> types = s.scalars.types(16 + s.random.nextInt(9));
        for (ValType t : types) {
            value(t, Math.min(depth - 1, 2));
        }
        fold(types, type);
    }

    /** A value of {@code type} that is no NaN: a NaN is replaced by a constant ({@code select} on {@code x == x}). */
    void valueWithoutNaN(ValType type, int depth) {
        value(type, depth);
        if (type == ValType.F32 || type == ValType.F64) {
            int scratch = s.nanScratch(type);
            s.emitLocal(Opcode.LOCAL_TEE, scratch);
            long replacement;
            do {
                replacement = s.scalars.constant(type);
            } while (type == ValType.F32 ? Float.isNaN(Float.intBitsToFloat((int) replacement))
                    : Double.isNaN(Double.longBitsToDouble(replacement)));
            s.emitConstant(type, replacement);
            s.emitLocal(Opcode.LOCAL_GET, scratch);
            s.emitLocal(Opcode.LOCAL_GET, scratch);
            s.emit(type == ValType.F32 ? Opcode.F32_EQ : Opcode.F64_EQ);
            s.emit(Opcode.SELECT);
        }
    }

    /**
     * Folds the values of {@code onStack} (the top of the operand stack) into one of
     * {@code type}: each converted, combined with the others through the type's accumulator.
     */
    void fold(List<ValType> onStack, ValType type) {
        int accumulator = s.accumulator(type);
        convert(onStack.get(onStack.size() - 1), type);
        s.emitLocal(Opcode.LOCAL_SET, accumulator);
        for (int i = onStack.size() - 2; i >= 0; i--) {
            convert(onStack.get(i), type);
            s.emitLocal(Opcode.LOCAL_GET, accumulator);
            s.emit(s.pick(COMBINERS.get(type)));
            s.emitLocal(Opcode.LOCAL_SET, accumulator);
        }
        s.emitLocal(Opcode.LOCAL_GET, accumulator);
    }

    /** Converts the top value from {@code from} to {@code to} without a trap (saturating truncations). */
    void convert(ValType from, ValType to) {
        if (from == to) {
            return;
        }
        s.emit(s.pick(CONVERSIONS.get(from).get(to)));
    }

    /** Turns {@code have} on top of the stack into {@code want}: passed through, folded, or used up. */
    void transform(List<ValType> have, List<ValType> want, int depth) {
        if (have.isEmpty()) {
            values(want, depth);
        } else if (have.equals(want) && s.chance(30)) {
            return;
        } else if (want.isEmpty()) {
            useUp(have);
        } else {
            fold(have, want.get(0));
            values(want.subList(1, want.size()), depth);
        }
    }

    /** Pops {@code onStack}: each value dropped or stored in a local of its type. */
    void useUp(List<ValType> onStack) {
        for (int i = onStack.size() - 1; i >= 0; i--) {
            int local = s.chance(50) ? s.local(onStack.get(i)) : -1;
            if (local >= 0) {
                s.emitLocal(Opcode.LOCAL_SET, local);
            } else {
                s.emit(Opcode.DROP);
            }
        }
    }
}
