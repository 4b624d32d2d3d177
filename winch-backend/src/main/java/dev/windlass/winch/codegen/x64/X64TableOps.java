package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.CONTEXT;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;

import dev.windlass.winch.codegen.Heap;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.vm.FuncRefOffsets;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.vm.VmOffsets;

/**
 * Table accesses and {@code call_indirect}. A table's {base, length} pair sits in its context
 * slot (defined) or behind it (imported), like a memory's; the length counts 8-byte entries.
 * A 32-bit index is zero-extended first (no producer is trusted to have cleared the upper half);
 * with Spectre hardening, {@code cmovae index, [zero]} after the check sends a mis-speculated
 * index to entry 0.
 * <pre>
 *   mov index32, index32                  32-bit tables
 *   cmp index, [length]; jae trap         TABLE_OUT_OF_BOUNDS
 *   cmovae index, [zero]                  Spectre hardening
 *   r11 = [base + index*8]                the reference: 0, or a function reference record
 *   test r11, r11; jz trap                INDIRECT_CALL_TO_NULL
 *   cmp [r11 + type id], expected; jne    BAD_SIGNATURE (expected from the context's type ids)
 *   r14 = [r11 + context]; call [r11 + code]
 * </pre>
 */
final class X64TableOps {

    private final X64Assembler asm;
    private final X64MacroAssembler masm;

    private final boolean spectreHardening;

    X64TableOps(X64Assembler asm, X64MacroAssembler masm, boolean spectreHardening) {
        this.asm = asm;
        this.masm = masm;
        this.spectreHardening = spectreHardening;
    }

    /** Checks {@code index} against the length and leaves the base in r11; {@return the entry's operand} */
    private Amode checkedEntry(Heap table, Gpr index) {
        if (!table.is64()) {
            asm.mov(OperandSize.S32, index, index);
        }
        asm.cmp(OperandSize.S64, index, X64HeapOps.lengthOf(asm, table));
        asm.jcc(ConditionCode.AE, masm.trapStub(TrapCode.TABLE_OUT_OF_BOUNDS));
        X64HeapOps.loadBase(asm, table); // a mov: the flags stay the cmp's
        if (spectreHardening) {
            asm.cmov(OperandSize.S64, ConditionCode.AE, index, masm.zeroConstant());
        }
        return new Amode.BaseIndexDisp(SCRATCH, index, 8, 0);
    }

    void get(Heap table, Gpr dst, Gpr index) {
        asm.mov(OperandSize.S64, dst, checkedEntry(table, index));
    }

    void set(Heap table, Gpr index, Gpr value) {
        asm.mov(OperandSize.S64, checkedEntry(table, index), value);
    }

    void size(Heap table, Gpr dst) {
        asm.mov(OperandSize.S64, dst, X64HeapOps.lengthOf(asm, table));
    }

    void callIndirect(Heap table, int typeIndex, Gpr index, Gpr temp) {
        asm.mov(OperandSize.S64, SCRATCH, checkedEntry(table, index));
        asm.test(OperandSize.S64, SCRATCH, SCRATCH);
        asm.jcc(ConditionCode.E, masm.trapStub(TrapCode.INDIRECT_CALL_TO_NULL));
        asm.mov(OperandSize.S64, temp, new Amode.BaseDisp(CONTEXT, VmOffsets.TYPE_IDS_ADDRESS));
        asm.mov(OperandSize.S32, temp, new Amode.BaseDisp(temp, 4 * typeIndex));
        asm.cmp(OperandSize.S32, new Amode.BaseDisp(SCRATCH, FuncRefOffsets.TYPE_ID), temp);
        asm.jcc(ConditionCode.NE, masm.trapStub(TrapCode.BAD_SIGNATURE));
        asm.mov(OperandSize.S64, temp, new Amode.BaseDisp(SCRATCH, FuncRefOffsets.CODE_ADDRESS));
        asm.mov(OperandSize.S64, CONTEXT, new Amode.BaseDisp(SCRATCH, FuncRefOffsets.CONTEXT));
        asm.call(temp);
    }
}
