package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.List;

/**
 * Statements: code that leaves the operand stack as it found it, so it can go anywhere, also
 * between the operands of an operator. Sets of locals (also of one whose lazy read is still on
 * the stack), globals, stores, calls, conditional branches whose fall-through values are used
 * up, control structures, memory growth and guarded traps.
 */
final class EffectGenerator extends GeneratorPart {

    EffectGenerator(BodyGenerator g) {
        super(g);
    }

    void statements(int count, int depth) {
        for (int i = 0; i < count; i++) {
            statement(depth);
        }
    }

    void statement(int depth) {
        s.budget--;
        ValType type = s.scalars.type();
        int pick = s.random.nextInt(100);
        if (depth <= 0 || s.budget <= 0) {
            pick = pick < 50 ? 0 : 30;
        }
        if (pick < 18) {
            int local = s.local(type);
            g.expressions.value(type, depth - 1);
            if (local >= 0) {
                s.emitLocal(Opcode.LOCAL_SET, local);
            } else {
                s.emit(Opcode.DROP);
            }
        } else if (pick < 24) {
            List<Integer> globals = g.expressions.globals(type, true);
            g.expressions.value(type, depth - 1);
            if (globals.isEmpty()) {
                s.emit(Opcode.DROP);
            } else {
                s.code.op(Opcode.GLOBAL_SET).u32(s.pick(globals));
            }
        } else if (pick < 34) {
            g.memory.store(depth);
        } else if (pick < 42) {
            g.calls.callLogger(depth);
        } else if (pick < 49) {
            g.calls.callForEffect(depth);
        } else if (pick < 63) {
            g.control.branchIfAndUseUp(depth);
        } else if (pick < 82) {
            List<ValType> types = s.chance(50) ? List.of() : s.scalars.types(1 + s.random.nextInt(3));
            g.control.structured(types, depth);
            g.expressions.useUp(types);
        } else if (pick < 84) {
            g.memory.grow(depth);
        } else if (pick < 86) {
            g.expressions.condition(depth - 1);
            s.emit(Opcode.IF);
            s.code.u8(0x40);
            s.emit(Opcode.UNREACHABLE);
            s.emit(Opcode.END);
        } else {
            g.expressions.value(type, depth - 1);
            g.expressions.useUp(List.of(type));
        }
    }
}
