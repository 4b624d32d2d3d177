package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;

/** {@code local.get/set/tee} and {@code global.get/set}. */
final class VariableLowering {

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    VariableLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    void lower(Opcode op) {
        int index = fc.reader.index();
        fc.requireScalar(op == Opcode.GLOBAL_GET || op == Opcode.GLOBAL_SET
                ? globalType(index).valType() : fc.frame.localType(index), op.text());
        switch (op) {
            case LOCAL_GET -> context.push(new Val.Local(fc.frame.localType(index), index));
            case LOCAL_SET -> setLocal(index, false);
            case LOCAL_TEE -> setLocal(index, true);
            case GLOBAL_GET -> getGlobal(index);
            case GLOBAL_SET -> setGlobal(index);
            default -> throw new CodegenException("not a variable operator: " + op);
        }
    }

    private void setLocal(int index, boolean keep) {
        Val top = context.peek();
        if (top instanceof Val.Local l && l.index() == index) { // local.set $x (local.get $x)
            if (!keep) {
                context.pop();
            }
            return;
        }
        context.materializeLocal(index);
        int slot = fc.frame.localOffset(index);
        OperandSize size = OperandSize.of(top.type());
        if (top instanceof Val.Const c) {
            masm.storeFrameConstant(slot, c.bits(), size);
            if (!keep) {
                context.pop();
            }
            return;
        }
        Reg reg = context.popToReg(CodeGenContext.bankOf(top.type()));
        masm.storeFrame(slot, reg, size);
        if (keep) {
            context.pushReg(top.type(), reg);
        } else {
            context.free(reg);
        }
    }

    private boolean isImported(int globalIndex) {
        return globalIndex < fc.module.importedGlobalCount();
    }

    private void getGlobal(int index) {
        ValType type = globalType(index).valType();
        OperandSize size = OperandSize.of(type);
        Reg reg = context.allocate(CodeGenContext.bankOf(type));
        int slot = fc.vmOffsets.global(index);
        if (isImported(index)) {
            Reg address = reg.bank() == Reg.Bank.INT ? reg : context.allocate(Reg.Bank.INT);
            masm.loadContext(address, slot, OperandSize.S64);
            masm.loadMemory(reg, address, 0, size);
            if (address != reg) {
                context.free(address);
            }
        } else {
            masm.loadContext(reg, slot, size);
        }
        context.pushReg(type, reg);
    }

    private void setGlobal(int index) {
        ValType type = globalType(index).valType();
        OperandSize size = OperandSize.of(type);
        Reg value = context.popToReg(CodeGenContext.bankOf(type));
        int slot = fc.vmOffsets.global(index);
        if (isImported(index)) {
            Reg address = context.allocate(Reg.Bank.INT);
            masm.loadContext(address, slot, OperandSize.S64);
            masm.storeMemory(address, 0, value, size);
            context.free(address);
        } else {
            masm.storeContext(slot, value, size);
        }
        context.free(value);
    }

    private GlobalType globalType(int index) {
        return fc.module.globalTypes().get(index);
    }
}
