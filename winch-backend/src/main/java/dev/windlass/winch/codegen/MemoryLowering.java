package dev.windlass.winch.codegen;

import dev.windlass.winch.vm.Builtins;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;

/**
 * Loads, stores, {@code memory.size}, {@code memory.grow} and the bulk memory operators, on any
 * of the module's memories. The width, extension and type of each access come from
 * {@link Opcode}'s table ({@link Opcode#accessBytes}, {@link Opcode#signExtends},
 * {@link Opcode#accessType}).
 */
final class MemoryLowering {

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    MemoryLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    /** Lowers {@code op}, one of the operators {@link FunctionCompiler} dispatches here. */
    void lower(Opcode op) {
        switch (op) {
            case MEMORY_SIZE -> size();
            case MEMORY_GROW -> grow();
            case MEMORY_COPY -> builtin(Builtins.MEMORY_COPY, new long[] {fc.reader.index(), fc.reader.index2()}, 3);
            case MEMORY_FILL -> builtin(Builtins.MEMORY_FILL, new long[] {fc.reader.memoryIndex()}, 3);
            case MEMORY_INIT -> builtin(Builtins.MEMORY_INIT, new long[] {fc.reader.index2(), fc.reader.index()}, 3);
            case DATA_DROP -> BuiltinCall.emit(context, masm, Builtins.DATA_DROP, new long[] {fc.reader.index()}, 0,
                    null);
            default -> throw new CodegenException("not a memory operator: " + op);
        }
    }

    private Heap heap(int memoryIndex) {
        MemoryType type = fc.module.memories().get(memoryIndex);
        return new Heap(fc.vmOffsets.memory(memoryIndex), memoryIndex < fc.module.importedMemoryCount(), type.is64(),
                fc.memoryStrategy.unchecked(type.is64()));
    }

    /** A scalar load: its width, extension and type are {@link Opcode}'s. */
    void load(Opcode op) {
        ValType type = op.accessType();
        Heap heap = heap(fc.reader.memoryIndex());
        long offset = fc.reader.memoryOffset();
        Reg address = context.popToReg(Reg.Bank.INT);
        Reg temp = context.allocate(Reg.Bank.INT);
        Reg dst = CodeGenContext.bankOf(type) == Reg.Bank.INT ? address : context.allocate(Reg.Bank.FLOAT);
        masm.heapLoad(heap, new MemoryAccess(op.accessBytes(), op.signExtends(), type), dst, address, offset, temp);
        context.free(temp);
        if (dst != address) {
            context.free(address);
        }
        context.pushReg(type, dst);
    }

    /** A scalar store: its width and type are {@link Opcode}'s. */
    void store(Opcode op) {
        ValType type = op.accessType();
        Heap heap = heap(fc.reader.memoryIndex());
        long offset = fc.reader.memoryOffset();
        Reg value = context.popToReg(CodeGenContext.bankOf(type));
        Reg address = context.popToReg(Reg.Bank.INT);
        Reg temp = context.allocate(Reg.Bank.INT);
        masm.heapStore(heap, new MemoryAccess(op.accessBytes(), false, type), value, address, offset, temp);
        context.free(temp);
        context.free(address);
        context.free(value);
    }

    /** A bulk operation: its length (the top operand) charged first, then the builtin called. */
    private void builtin(int builtin, long[] immediates, int stackOperands) {
        fc.metering.chargeLength(MeteringLowering.BYTE_UNIT_SHIFT);
        BuiltinCall.emit(context, masm, builtin, immediates, stackOperands, TrapCode.MEMORY_OUT_OF_BOUNDS);
    }

    private void size() {
        Heap heap = heap(fc.reader.memoryIndex());
        Reg dst = context.allocate(Reg.Bank.INT);
        ValType type = heap.is64() ? ValType.I64 : ValType.I32;
        masm.memorySize(heap, dst, OperandSize.of(type));
        context.pushReg(type, dst);
    }

    private void grow() {
        int memoryIndex = fc.reader.memoryIndex();
        ValType type = heap(memoryIndex).is64() ? ValType.I64 : ValType.I32;
        context.spillRegisters(context.height() - 1); // a runtime call clobbers every register
        Reg delta = context.popToReg(Reg.Bank.INT);
        if (type == ValType.I32) {
            masm.zeroExtend32(delta, delta);
        }
        masm.memoryGrow(memoryIndex, delta);
        context.free(delta);
        Reg result = masm.builtinResultRegister();
        context.claim(result);
        if (type == ValType.I32) {
            masm.zeroExtend32(result, result);
        }
        context.pushReg(type, result);
    }
}
