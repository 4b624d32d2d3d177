package dev.windlass.sandbox;

import dev.windlass.winch.wasm.ConstExpr;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.OperatorReader;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.WasmModule;
import java.util.OptionalLong;

/** Evaluates constant expressions (global initializers, segment offsets) at instantiation. */
final class ConstantExpressions {

    private ConstantExpressions() {
    }

    /** {@return the raw bits of the value of {@code expr}} (validated: it leaves one value) */
    static long evaluate(WasmModule module, ConstExpr expr, Instance instance) {
        OperatorReader ops = module.operators(expr);
        long[] stack = new long[8];
        int height = 0;
        while (!ops.atEnd()) {
            Opcode op = ops.next();
            if (op == Opcode.END) {
                break;
            }
            if (height == stack.length) {
                stack = java.util.Arrays.copyOf(stack, height * 2);
            }
            switch (op) {
                case I32_CONST -> stack[height++] = ops.i32Value() & 0xFFFF_FFFFL;
                case I64_CONST -> stack[height++] = ops.i64Value();
                case F32_CONST -> stack[height++] = ops.f32Bits() & 0xFFFF_FFFFL;
                case F64_CONST -> stack[height++] = ops.f64Bits();
                case GLOBAL_GET -> stack[height++] = instance.globalValue(ops.index());
                case REF_NULL -> stack[height++] = 0;
                case REF_FUNC -> stack[height++] = instance.functionRef(ops.index());
                case I32_ADD -> height = i32(stack, height, (int) stack[height - 2] + (int) stack[height - 1]);
                case I32_SUB -> height = i32(stack, height, (int) stack[height - 2] - (int) stack[height - 1]);
                case I32_MUL -> height = i32(stack, height, (int) stack[height - 2] * (int) stack[height - 1]);
                case I64_ADD -> height = i64(stack, height, stack[height - 2] + stack[height - 1]);
                case I64_SUB -> height = i64(stack, height, stack[height - 2] - stack[height - 1]);
                case I64_MUL -> height = i64(stack, height, stack[height - 2] * stack[height - 1]);
                default -> throw new UnsupportedFeatureException(op.text() + " in a constant expression");
            }
        }
        return stack[0];
    }

    /**
     * {@return the value of {@code expr} if it is the same for every instance} (it reads no
     * global and takes no function reference), or empty
     */
    static OptionalLong evaluateConstant(WasmModule module, ConstExpr expr) {
        OperatorReader ops = module.operators(expr);
        while (!ops.atEnd()) {
            Opcode op = ops.next();
            if (op == Opcode.END) {
                break;
            }
            switch (op) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST, REF_NULL, I32_ADD, I32_SUB, I32_MUL, I64_ADD,
                     I64_SUB, I64_MUL -> { }
                default -> {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.of(evaluate(module, expr, null));
    }

    private static int i32(long[] stack, int height, int value) {
        stack[height - 2] = value & 0xFFFF_FFFFL;
        return height - 1;
    }

    private static int i64(long[] stack, int height, long value) {
        stack[height - 2] = value;
        return height - 1;
    }
}
