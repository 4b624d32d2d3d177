package dev.windlass.winch.codegen;

import dev.windlass.winch.vm.TrapCode;

/**
 * Calls a runtime builtin ({@code dev.windlass.winch.vm.Builtins}) from the value stack: the
 * immediates first, then the top stack values, in the builtin's argument registers.
 */
final class BuiltinCall {

    private BuiltinCall() {
    }

    /**
     * Emits the call. Every register-held value is spilled first: the call clobbers every
     * register, and then no value holds an argument register. With {@code trap} non-null, a
     * non-zero result traps with it; otherwise the result register is left to the caller,
     * who must {@link CodeGenContext#claim} it before anything else.
     */
    static void emit(CodeGenContext context, MacroAssembler masm, int builtin, long[] immediates, int stackOperands,
                     TrapCode trap) {
        context.spillRegisters(context.height());
        Reg[] arguments = new Reg[immediates.length + stackOperands];
        for (int k = arguments.length - 1; k >= immediates.length; k--) {
            arguments[k] = context.popToReg(masm.builtinArgumentRegister(k));
        }
        for (int i = 0; i < immediates.length; i++) {
            arguments[i] = masm.builtinArgumentRegister(i);
            context.claim(arguments[i]);
            masm.loadImmediate(arguments[i], immediates[i], OperandSize.S64);
        }
        masm.callBuiltin(builtin);
        for (Reg argument : arguments) {
            context.free(argument);
        }
        if (trap != null) {
            Reg result = masm.builtinResultRegister();
            masm.compareImmediate(result, 0, OperandSize.S32);
            masm.trapIf(IntCondition.NE, trap);
        }
    }
}
