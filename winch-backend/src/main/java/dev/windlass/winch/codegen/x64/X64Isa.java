package dev.windlass.winch.codegen.x64;

import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.codegen.MacroAssembler;
import dev.windlass.winch.codegen.RegSet;
import dev.windlass.winch.codegen.RuntimeStubs;
import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.isa.x64.X64Assembler;
import java.util.function.Consumer;

/**
 * x86-64: {@link X64MacroAssembler} over {@link X64Assembler}, the registers of
 * {@link X64Registers}, the stubs of {@link X64ModuleCode} and {@link X64SignalHandler}, and
 * rel32 call sites.
 */
public final class X64Isa implements Isa, RuntimeStubs {

    private final Target target;
    private final boolean fuel;
    private final boolean spectreHardening;

    /**
     * An x86-64 ISA for CPUs with {@code target}'s features.
     *
     * @param fuel             whether the code meters fuel (which takes {@link X64Registers#FUEL} from the allocator)
     * @param spectreHardening whether bounds checks also mask mis-speculated addresses and indices
     */
    public X64Isa(Target target, boolean fuel, boolean spectreHardening) {
        this.target = target;
        this.fuel = fuel;
        this.spectreHardening = spectreHardening;
    }

    @Override
    public CodeBuffer newCodeBuffer() {
        return X64Assembler.newCodeBuffer();
    }

    @Override
    public MacroAssembler newMacroAssembler(CodeBuffer buffer) {
        return new X64MacroAssembler(new X64Assembler(buffer, target), spectreHardening);
    }

    @Override
    public RegSet allocatable() {
        return X64Registers.allocatable(fuel);
    }

    @Override
    public RuntimeStubs stubs() {
        return this;
    }

    @Override
    public int gapFill() {
        return 0xCC; // int3
    }

    @Override
    public void linkCall(byte[] code, int site, int target) {
        int rel32 = target - (site + 4); // relative to the end of the field, which ends the call
        code[site] = (byte) rel32;
        code[site + 1] = (byte) (rel32 >>> 8);
        code[site + 2] = (byte) (rel32 >>> 16);
        code[site + 3] = (byte) (rel32 >>> 24);
    }

    @Override
    public AssembledCode trapHandler() {
        return assemble(asm -> X64ModuleCode.emitTrapHandler(asm, fuel));
    }

    @Override
    public AssembledCode hostAdapter() {
        return assemble(asm -> X64ModuleCode.emitHostAdapter(asm, fuel));
    }

    @Override
    public AssembledCode entryTrampoline(int params, int results) {
        return assemble(asm -> X64ModuleCode.emitEntryTrampoline(asm, params, results, fuel));
    }

    @Override
    public byte[] chainingSignalHandler(long table, long previousHandler) {
        return assemble(asm -> X64SignalHandler.emitChaining(asm, table, previousHandler)).code();
    }

    @Override
    public byte[] resettingSignalHandler(long table, long sigaction, long defaultAction) {
        return assemble(asm -> X64SignalHandler.emitResettingToDefault(asm, table, sigaction, defaultAction)).code();
    }

    /** {@return what {@code emit} writes into a new assembler, laid out} */
    private AssembledCode assemble(Consumer<X64Assembler> emit) {
        X64Assembler asm = X64Assembler.create(target);
        emit.accept(asm);
        return asm.buffer().finish();
    }
}
