package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.List;

/**
 * Direct calls, {@code call_indirect} through the table and calls of the host's loggers, with
 * the caller's values live across them. Direct calls and indirect calls through a constant
 * slot go to later functions only; a rare random slot may reach any function, a null entry,
 * a function of another type or past the table's end (traps), or this function again (the call
 * budget of {@link ModulePlan} ends such recursion).
 */
final class CallGenerator extends GeneratorPart {

    CallGenerator(BodyGenerator g) {
        super(g);
    }

    /** Pushes {@code want} through a call whose results, unless they are exactly that, are transformed. */
    void callProducing(List<ValType> want, int depth) {
        List<Integer> later = s.laterFunctions();
        if (later.isEmpty()) {
            for (ValType type : want) {
                g.expressions.value(type, depth - 1);
            }
            return;
        }
        List<Integer> exact = later.stream().filter(f -> s.module.functions.get(f).results().equals(want)).toList();
        int callee = !exact.isEmpty() && s.chance(60) ? s.pick(exact) : s.pick(later);
        call(callee, depth);
        g.expressions.transform(s.module.functions.get(callee).results(), want, depth - 1);
    }

    /** A call of a later function whose results are used up. */
    void callForEffect(int depth) {
        List<Integer> later = s.laterFunctions();
        if (!later.isEmpty()) {
            int callee = s.pick(later);
            call(callee, depth);
            g.expressions.useUp(s.module.functions.get(callee).results());
        }
    }

    /** A call of one of the host's loggers, whose lines the runtimes must agree on. */
    void callLogger(int depth) {
        int logger = s.random.nextInt(s.module.loggers.size());
        g.expressions.values(s.module.loggers.get(logger).params(), depth - 1);
        s.code.op(Opcode.CALL).u32(logger);
    }

    private void call(int callee, int depth) {
        FuncType type = s.module.functions.get(callee);
        g.expressions.values(type.params(), depth - 1);
        if (!s.chance(35)) {
            s.code.op(Opcode.CALL).u32(s.module.functionIndex(callee));
            return;
        }
        int pick = s.random.nextInt(100);
        if (pick < 85) {
            s.emitConstant(ValType.I32, callee);
        } else if (pick < 96) {
            s.emitConstant(ValType.I32, callee);
            s.emitConstant(ValType.I32, s.pick(s.laterFunctions().stream()
                    .filter(f -> s.module.functions.get(f).equals(type)).toList()));
            g.expressions.condition(depth - 1);
            s.emit(Opcode.SELECT);
        } else {
            s.emitConstant(ValType.I32, s.random.nextInt(s.module.tableSize() + 1));
        }
        s.code.op(Opcode.CALL_INDIRECT).u32(s.module.typeIndex(type)).u32(0);
    }
}
