package dev.windlass.winch.wasm;

/**
 * Validates a constant expression: only constant instructions ({@code t.const}, {@code
 * ref.null}, {@code ref.func}, {@code global.get} of an immutable imported global, and with
 * extended-const {@code i32/i64.add/sub/mul}), producing exactly one value of the expected type.
 */
final class ConstExprValidator {

    private ConstExprValidator() {
    }

    /**
     * @param module   the module
     * @param expr     the expression
     * @param expected the type it must produce
     * @param globals  how many globals (from the start of the index space) it may read
     */
    static void validate(WasmModule module, ConstExpr expr, ValType expected, int globals) {
        OperatorReader ops = module.operators(expr);
        ValType[] stack = new ValType[4];
        int height = 0;
        while (true) {
            Opcode op = ops.next();
            ValType pushed;
            switch (op) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST -> pushed = op.result(0);
                case REF_NULL -> pushed = ops.refType();
                case REF_FUNC -> {
                    if (ops.index() >= module.functionCount()) {
                        throw invalid("unknown function " + ops.index(), ops);
                    }
                    pushed = ValType.FUNCREF;
                }
                case GLOBAL_GET -> {
                    int index = ops.index();
                    if (index >= globals || index >= module.globalTypes().size()) {
                        throw invalid("unknown global " + index, ops);
                    }
                    GlobalType type = module.globalTypes().get(index);
                    if (type.mutable()) {
                        throw invalid("constant expression required", ops);
                    }
                    pushed = type.valType();
                }
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    if (!module.features().extendedConst()) {
                        throw invalid("constant expression required", ops);
                    }
                    ValType t = op.param(0);
                    if (height < 2 || stack[height - 1] != t || stack[height - 2] != t) {
                        throw invalid("type mismatch", ops);
                    }
                    height -= 2;
                    pushed = t;
                }
                case END -> {
                    if (height != 1 || stack[0] != expected) {
                        throw invalid("type mismatch: constant expression must produce one " + expected, ops);
                    }
                    return;
                }
                default -> throw invalid("constant expression required", ops);
            }
            if (height == stack.length) {
                stack = java.util.Arrays.copyOf(stack, height * 2);
            }
            stack[height++] = pushed;
        }
    }

    private static WasmInvalidException invalid(String reason, OperatorReader ops) {
        return new WasmInvalidException(reason, ops.offset());
    }
}
