package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.CONTEXT;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;

import dev.windlass.winch.codegen.Heap;
import dev.windlass.winch.codegen.MemoryAccess;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.isa.x64.Xmm;
import dev.windlass.winch.vm.Builtins;
import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.ValType;

/**
 * Linear memory accesses with explicit bounds checks. The check trusts no register it did not
 * set: a 32-bit address is zero-extended first, whatever its producer left in the upper half.
 * <pre>
 *   mov address32, address32              (32-bit memories: the index is the low half only)
 *   temp = address + offset + size        (64-bit: cannot wrap for a 32-bit memory; memory64 checks the carry)
 *   cmp temp, [length]; ja trap           (MEMORY_OUT_OF_BOUNDS)
 *   r11 = [base]; access [r11 + address + offset]
 * </pre>
 * With Spectre hardening (the default), the access goes through a register that a conditional
 * move, on the same flags as the branch, sets to 0 when the access is out of bounds: a CPU that
 * mis-speculates past {@code ja} reads address 0, never past the memory.
 * <pre>
 *   r11 = [base]; temp = lea [r11 + address + offset]
 *   cmova temp, [zero]; access [temp]
 * </pre>
 * For memory64 the carry of the addition also sets {@code temp} to all ones first, so a wrapped
 * sum cannot look in bounds either.
 *
 * <p>For a memory in a guard-page reservation ({@link Heap#guarded()}) there is no check:
 * <pre>
 *   mov address32, address32              (zero-extend: the reservation covers only 2^32 + 2^32 bytes)
 *   r11 = [base]; access [r11 + address + offset]    &lt;- recorded as a MEMORY_OUT_OF_BOUNDS trap site
 * </pre>
 * An unchecked access past the length faults on an inaccessible page; the signal handler
 * ({@link X64SignalHandler}) makes it look as if the access had called the trap handler, so
 * the trap pc is the access itself, found in the trap table like any other trap site.
 * A defined memory's {base, length} sit in the context slot; an imported one's slot holds the
 * address of its owner's pair, one more load.
 */
final class X64HeapOps {

    private final X64Assembler asm;
    private final X64MacroAssembler masm;
    private final boolean spectreHardening;

    X64HeapOps(X64Assembler asm, X64MacroAssembler masm, boolean spectreHardening) {
        this.asm = asm;
        this.masm = masm;
        this.spectreHardening = spectreHardening;
    }

    /** Checks the access and {@return the operand that addresses it}; r11 holds the base. */
    private Amode checkedAddress(Heap heap, Gpr address, long offset, int bytes, Gpr temp) {
        if (!heap.is64()) {
            asm.mov(OperandSize.S32, address, address);
        }
        asm.mov(OperandSize.S64, temp, address);
        addConstant(temp, offset + bytes); // a memory64 offset near 2^64 wraps: trapped below
        if (heap.is64()) {
            asm.jcc(ConditionCode.B, masm.trapStub(TrapCode.MEMORY_OUT_OF_BOUNDS)); // carry: past 2^64
            if (spectreHardening) {
                asm.cmov(OperandSize.S64, ConditionCode.B, temp, allOnesConstant());
            }
            if (Long.compareUnsigned(offset, Long.MAX_VALUE - bytes) > 0) {
                asm.jmp(masm.trapStub(TrapCode.MEMORY_OUT_OF_BOUNDS)); // no memory is that large
            }
        }
        asm.cmp(OperandSize.S64, temp, lengthOf(asm, heap));
        asm.jcc(ConditionCode.A, masm.trapStub(TrapCode.MEMORY_OUT_OF_BOUNDS));
        loadBase(asm, heap);
        if (spectreHardening) { // lea and mov keep the flags of the cmp for the cmov
            effectiveAddress(temp, address, offset);
            asm.cmov(OperandSize.S64, ConditionCode.A, temp, masm.zeroConstant());
            return new Amode.BaseDisp(temp, 0);
        }
        if (offset >= 0 && offset <= Integer.MAX_VALUE) {
            return new Amode.BaseIndexDisp(SCRATCH, address, 1, (int) offset);
        }
        asm.mov(OperandSize.S64, temp, offset);
        asm.add(OperandSize.S64, address, temp);
        return new Amode.BaseIndexDisp(SCRATCH, address, 1, 0);
    }

    /** {@code temp = r11 + address + offset}, without touching the flags. */
    private void effectiveAddress(Gpr temp, Gpr address, long offset) {
        if (offset >= 0 && offset <= Integer.MAX_VALUE) {
            asm.lea(OperandSize.S64, temp, new Amode.BaseIndexDisp(SCRATCH, address, 1, (int) offset));
        } else {
            asm.mov(OperandSize.S64, temp, offset);
            asm.lea(OperandSize.S64, temp, new Amode.BaseIndexDisp(temp, address, 1, 0));
            asm.lea(OperandSize.S64, temp, new Amode.BaseIndexDisp(temp, SCRATCH, 1, 0));
        }
    }

    private Amode allOnesConstant() {
        return new Amode.RipRelative(asm.buffer().constant64(-1L));
    }

    /** {@return the operand that addresses the access}, checked unless the heap is guarded; r11 holds the base */
    private Amode address(Heap heap, Gpr address, long offset, int bytes, Gpr temp) {
        return heap.guarded() ? guardedAddress(heap, address, offset, temp)
                : checkedAddress(heap, address, offset, bytes, temp);
    }

    private Amode guardedAddress(Heap heap, Gpr address, long offset, Gpr temp) {
        asm.mov(OperandSize.S32, address, address);
        if (heap.imported()) {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(CONTEXT, heap.contextSlot()));
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(SCRATCH, 0));
        } else {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(CONTEXT, heap.contextSlot()));
        }
        if (offset >= 0 && offset <= Integer.MAX_VALUE) {
            return new Amode.BaseIndexDisp(SCRATCH, address, 1, (int) offset);
        }
        asm.mov(OperandSize.S64, temp, offset); // a u32 offset: zero-extended
        asm.add(OperandSize.S64, address, temp);
        return new Amode.BaseIndexDisp(SCRATCH, address, 1, 0);
    }

    /** Records the access emitted next as a trap site when nothing checked it beforehand. */
    private void recordUncheckedAccess(Heap heap) {
        if (heap.guarded()) {
            asm.buffer().recordTrap(TrapCode.MEMORY_OUT_OF_BOUNDS.code());
        }
    }

    /**
     * {@return the operand of a memory's or table's current length}; for an imported one, the
     * address of its owner's {base, length} pair is loaded into r11 first.
     */
    static Amode lengthOf(X64Assembler asm, Heap definition) {
        if (definition.imported()) {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(CONTEXT, definition.contextSlot()));
            return new Amode.BaseDisp(SCRATCH, 8);
        }
        return new Amode.BaseDisp(CONTEXT, definition.contextSlot() + 8);
    }

    /** Loads the base into r11; right after {@link #lengthOf}, which left an import's pair address there. */
    static void loadBase(X64Assembler asm, Heap definition) {
        asm.mov(OperandSize.S64, SCRATCH, definition.imported() ? new Amode.BaseDisp(SCRATCH, 0)
                : new Amode.BaseDisp(CONTEXT, definition.contextSlot()));
    }

    private void addConstant(Gpr reg, long value) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            asm.add(OperandSize.S64, reg, (int) value);
        } else {
            asm.mov(OperandSize.S64, SCRATCH, value);
            asm.add(OperandSize.S64, reg, SCRATCH);
        }
    }

    void load(Heap heap, MemoryAccess access, Gpr intDst, Xmm floatDst, Gpr address, long offset, Gpr temp) {
        Amode at = address(heap, address, offset, access.bytes(), temp);
        recordUncheckedAccess(heap);
        if (access.isFloat()) {
            if (access.bytes() == 4) {
                asm.movss(floatDst, at);
            } else {
                asm.movsd(floatDst, at);
            }
            return;
        }
        OperandSize to = access.type() == ValType.I64 ? OperandSize.S64 : OperandSize.S32;
        switch (access.bytes()) {
            case 1 -> {
                if (access.signed()) {
                    asm.movsx(OperandSize.S8, to, intDst, at);
                } else {
                    asm.movzx(OperandSize.S8, OperandSize.S32, intDst, at);
                }
            }
            case 2 -> {
                if (access.signed()) {
                    asm.movsx(OperandSize.S16, to, intDst, at);
                } else {
                    asm.movzx(OperandSize.S16, OperandSize.S32, intDst, at);
                }
            }
            case 4 -> {
                if (access.signed() && to == OperandSize.S64) {
                    asm.movsxd(intDst, at);
                } else {
                    asm.mov(OperandSize.S32, intDst, at);
                }
            }
            default -> asm.mov(OperandSize.S64, intDst, at);
        }
    }

    void store(Heap heap, MemoryAccess access, Gpr intValue, Xmm floatValue, Gpr address, long offset, Gpr temp) {
        Amode at = address(heap, address, offset, access.bytes(), temp);
        recordUncheckedAccess(heap);
        if (access.isFloat()) {
            if (access.bytes() == 4) {
                asm.movss(at, floatValue);
            } else {
                asm.movsd(at, floatValue);
            }
            return;
        }
        OperandSize size = switch (access.bytes()) {
            case 1 -> OperandSize.S8;
            case 2 -> OperandSize.S16;
            case 4 -> OperandSize.S32;
            default -> OperandSize.S64;
        };
        asm.mov(size, at, intValue);
    }

    void size(Heap heap, Gpr dst) {
        asm.mov(OperandSize.S64, dst, lengthOf(asm, heap));
        asm.shr(OperandSize.S64, dst, 16);
    }

    void grow(int memoryIndex, Gpr delta) {
        asm.mov(OperandSize.S64, Gpr.RDX, delta);
        asm.mov(OperandSize.S32, Gpr.RSI, memoryIndex);
        callBuiltin(Builtins.MEMORY_GROW);
    }

    /** {@code call builtins[builtin](context, rsi, rdx, rcx, r8, r9)}; the stack is 16-byte aligned in a body. */
    void callBuiltin(int builtin) {
        asm.mov(OperandSize.S64, Gpr.RDI, CONTEXT);
        asm.mov(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(CONTEXT, VmOffsets.BUILTINS_ADDRESS));
        asm.call(new Amode.BaseDisp(Gpr.RAX, 8 * builtin));
    }
}
