package dev.windlass.winch.codegen;

import dev.windlass.winch.vm.Builtins;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;

/**
 * References and tables: {@code ref.null}, {@code ref.is_null}, {@code ref.func}, table
 * accesses inline, and the bulk table operations through runtime builtins. A reference is a
 * 64-bit value in an integer register: the address of a function reference record, an
 * externref's handle, or 0 for null.
 */
final class TableLowering {

    private final FunctionCompiler fc;
    private final MacroAssembler masm;
    private final CodeGenContext context;

    TableLowering(FunctionCompiler fc) {
        this.fc = fc;
        this.masm = fc.masm;
        this.context = fc.context;
    }

    /** Lowers {@code op}, one of the operators {@link FunctionCompiler} dispatches here. */
    void lower(Opcode op) {
        switch (op) {
            case REF_NULL -> context.push(new Val.Const(fc.reader.refType(), 0));
            case REF_IS_NULL -> {
                Reg value = context.popToReg(Reg.Bank.INT);
                masm.compareImmediate(value, 0, OperandSize.S64);
                masm.setIf(IntCondition.EQ, value);
                context.pushReg(ValType.I32, value);
            }
            case REF_FUNC -> {
                Reg dst = context.allocate(Reg.Bank.INT);
                masm.loadContext(dst, fc.vmOffsets.functionRef(fc.reader.index()), OperandSize.S64);
                context.pushReg(ValType.FUNCREF, dst);
            }
            case TABLE_GET -> {
                int table = fc.reader.index();
                Reg index = context.popToReg(Reg.Bank.INT);
                masm.tableGet(heap(table), index, index);
                context.pushReg(type(table).elementType(), index);
            }
            case TABLE_SET -> {
                int table = fc.reader.index();
                Reg value = context.popToReg(Reg.Bank.INT);
                Reg index = context.popToReg(Reg.Bank.INT);
                masm.tableSet(heap(table), index, value);
                context.free(index);
                context.free(value);
            }
            case TABLE_SIZE -> {
                int table = fc.reader.index();
                Reg dst = context.allocate(Reg.Bank.INT);
                masm.tableSize(heap(table), dst);
                context.pushReg(type(table).is64() ? ValType.I64 : ValType.I32, dst);
            }
            case TABLE_GROW -> {
                int table = fc.reader.index();
                BuiltinCall.emit(context, masm, Builtins.TABLE_GROW, new long[] {table}, 2, null);
                Reg result = masm.builtinResultRegister();
                context.claim(result);
                if (!type(table).is64()) {
                    masm.zeroExtend32(result, result);
                }
                context.pushReg(type(table).is64() ? ValType.I64 : ValType.I32, result);
            }
            case TABLE_FILL -> builtin(Builtins.TABLE_FILL, new long[] {fc.reader.index()}, 3);
            case TABLE_COPY -> builtin(Builtins.TABLE_COPY, new long[] {fc.reader.index(), fc.reader.index2()}, 3);
            case TABLE_INIT -> builtin(Builtins.TABLE_INIT, new long[] {fc.reader.index2(), fc.reader.index()}, 3);
            case ELEM_DROP -> BuiltinCall.emit(context, masm, Builtins.ELEM_DROP, new long[] {fc.reader.index()}, 0, null);
            default -> throw new CodegenException("not a reference or table operator: " + op);
        }
    }

    /** A bulk operation: its length (the top operand) charged first, then the builtin called. */
    private void builtin(int builtin, long[] immediates, int stackOperands) {
        fc.metering.chargeLength(MeteringLowering.ELEMENT_UNIT_SHIFT);
        BuiltinCall.emit(context, masm, builtin, immediates, stackOperands, TrapCode.TABLE_OUT_OF_BOUNDS);
    }

    private TableType type(int table) {
        return fc.module.tables().get(table);
    }

    /** {@return where code finds table {@code index}: its {base, length} slot, like a memory's} */
    Heap heap(int index) {
        return new Heap(fc.vmOffsets.table(index), index < fc.module.importedTableCount(), type(index).is64());
    }
}
