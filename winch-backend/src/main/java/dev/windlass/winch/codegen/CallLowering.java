package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;

/**
 * Calls, in the internal calling convention: the caller stores the arguments in its outgoing
 * area ({@link FrameLayout}), which the callee sees as its params; the callee stores its results
 * in the same area, result k in the slot of param k. No register survives a call, so every
 * value the caller keeps on its stack is spilled first (constants and local reads stay lazy).
 */
final class CallLowering {

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    CallLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    void call(int functionIndex) {
        FuncType type = fc.module.functionType(functionIndex);
        type.params().forEach(t -> fc.requireScalar(t, "call"));
        type.results().forEach(t -> fc.requireScalar(t, "call"));
        passArguments(type);
        fc.metering.charge(); // the callee sees the fuel left after the caller's run, call included
        if (functionIndex < fc.module.importedFunctionCount()) {
            masm.callImport(fc.vmOffsets.importedFunctionCode(functionIndex),
                    fc.vmOffsets.importedFunctionVmctx(functionIndex));
            masm.restoreContext();
        } else {
            masm.callDirect(functionIndex);
        }
        takeResults(type);
    }

    /** {@code call_indirect}: the table index is on top of the arguments. */
    void callIndirect(int typeIndex, int tableIndex) {
        FuncType type = fc.module.types().get(typeIndex);
        type.params().forEach(t -> fc.requireScalar(t, "call_indirect"));
        type.results().forEach(t -> fc.requireScalar(t, "call_indirect"));
        Reg index = context.popToReg(Reg.Bank.INT);
        passArguments(type);
        Reg temp = context.allocate(Reg.Bank.INT);
        fc.metering.charge();
        masm.callIndirect(fc.tables.heap(tableIndex), typeIndex, index, temp);
        context.free(temp);
        context.free(index);
        masm.restoreContext();
        takeResults(type);
    }

    private void passArguments(FuncType type) {
        int params = type.params().size();
        int height = context.height();
        context.spillRegisters(height - params);
        for (int k = 0; k < params; k++) {
            int position = height - params + k;
            context.moves().toSlot(ValMoves.Slot.outgoing(FrameLayout.outgoingSlot(k)), context.stack().get(position),
                    position);
        }
        for (int k = 0; k < params; k++) {
            context.drop();
        }
        context.frame().reserveOutgoing(FrameLayout.argumentAreaSlots(type));
    }

    private void takeResults(FuncType type) {
        for (int k = 0; k < type.results().size(); k++) {
            ValType result = type.results().get(k);
            Reg reg = context.allocate(CodeGenContext.bankOf(result));
            masm.loadOutgoing(reg, FrameLayout.outgoingSlot(k), OperandSize.of(result));
            context.pushReg(result, reg);
        }
    }
}
