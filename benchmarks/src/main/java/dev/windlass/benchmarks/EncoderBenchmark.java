package dev.windlass.benchmarks;

import static dev.windlass.winch.isa.x64.Gpr.R14;
import static dev.windlass.winch.isa.x64.Gpr.R15;
import static dev.windlass.winch.isa.x64.Gpr.RAX;
import static dev.windlass.winch.isa.x64.Gpr.RBP;
import static dev.windlass.winch.isa.x64.Gpr.RCX;
import static dev.windlass.winch.isa.x64.Gpr.RDX;
import static dev.windlass.winch.isa.x64.Gpr.RSP;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static dev.windlass.winch.isa.x64.OperandSize.S8;
import static dev.windlass.winch.isa.x64.Xmm.XMM0;
import static dev.windlass.winch.isa.x64.Xmm.XMM1;

import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.CpuFeature;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.isa.x64.X64Assembler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the x86-64 encoder, in instructions per second: one function body of the mix a
 * single-pass Wasm compiler emits (frame setup, local loads and stores off rbp, ALU with
 * registers and immediates, bounds-checked heap accesses, compares and branches in loops,
 * float arithmetic with pool constants, calls), encoded into a reused {@link CodeBuffer}.
 * {@code encodeAndFinish} includes branch relaxation and the final copy; {@code encode} is the
 * emission alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncoderBenchmark {

    /** Loop iterations per function; each emits {@link #INSTRUCTIONS_PER_ITERATION} instructions. */
    private static final int ITERATIONS = 16;
    private static final int INSTRUCTIONS_PER_ITERATION = 32;
    /** Prologue, epilogue and trap stub. */
    private static final int FRAME_INSTRUCTIONS = 9;
    static final int INSTRUCTIONS_PER_FUNCTION = ITERATIONS * INSTRUCTIONS_PER_ITERATION + FRAME_INSTRUCTIONS;

    private final X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.values()));
    private final CodeBuffer buffer = asm.buffer();

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS_PER_FUNCTION)
    public AssembledCode encodeAndFinish() {
        buffer.reset();
        emitFunction();
        return buffer.finish();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS_PER_FUNCTION)
    public int encode() {
        buffer.reset();
        emitFunction();
        return buffer.offset();
    }

    private void emitFunction() {
        Label trap = asm.newLabel();
        Label exit = asm.newLabel();
        // prologue: 5
        asm.push(RBP);
        asm.mov(S64, RBP, RSP);
        asm.sub(S64, RSP, 0x40);
        asm.cmp(S64, RSP, Amode.baseDisp(R14, 0x18));
        asm.jcc(ConditionCode.B, trap);
        for (int i = 0; i < ITERATIONS; i++) {
            emitLoopBody(i, trap, exit);
        }
        // epilogue and trap stub: 4
        asm.bind(exit);
        asm.mov(S64, RSP, RBP);
        asm.pop(RBP);
        asm.ret();
        asm.bind(trap);
        buffer.recordTrap(1);
        asm.ud2();
    }

    /** 32 instructions. */
    private void emitLoopBody(int i, Label trap, Label exit) {
        Label loop = asm.newLabel();
        Label skip = asm.newLabel();
        Gpr scratch = Gpr.of(8 + (i & 3));
        asm.bind(loop);
        buffer.recordSourceOffset(i * 40);
        asm.mov(S32, RAX, Amode.baseDisp(RBP, -8));                     // local.get
        asm.mov(S32, RCX, Amode.baseDisp(RBP, -16));
        asm.add(S32, RAX, RCX);                                         // i32.add
        asm.add(S32, RAX, 1);
        asm.mov(S32, Amode.baseDisp(RBP, -8), RAX);                     // local.set
        asm.mov(S32, RDX, RAX);                                         // i32.load: bounds check
        asm.lea(S64, scratch, Amode.baseDisp(RDX, 4));
        asm.cmp(S64, scratch, Amode.baseDisp(R14, 0x20));
        asm.jcc(ConditionCode.A, trap);
        asm.mov(S32, RCX, Amode.baseIndex(R15, RDX, 1, 0x10));
        asm.imul(S32, RCX, RCX, 31);                                     // i32.mul
        asm.xor(S32, RCX, RAX);
        asm.shl(S32, RCX, 3);
        asm.sar(S64, RCX, RCX);
        asm.mov(S32, Amode.baseIndex(R15, RDX, 1, 0x20), RCX);          // i32.store
        asm.test(S32, RCX, RCX);                                         // br_if
        asm.jcc(ConditionCode.E, skip);
        asm.movsd(XMM0, Amode.baseDisp(RBP, -24));                      // f64 arithmetic
        asm.addsd(XMM0, Amode.rip(buffer.constant64(Double.doubleToRawLongBits(1.5 + (i & 7)))));
        asm.mulsd(XMM0, XMM1);
        asm.ucomisd(XMM0, XMM1);
        asm.setcc(ConditionCode.A, RAX);
        asm.movzx(S8, S32, RAX, RAX);
        asm.movsd(Amode.baseDisp(RBP, -24), XMM0);
        asm.bind(skip);
        asm.mov(S64, RDX, 0x1234_5678_9AL + i);                          // i64.const
        asm.cmp(S64, RDX, RAX);
        asm.cmov(S64, ConditionCode.L, RDX, RAX);
        asm.mov(S64, Amode.baseDisp(RBP, -32), RDX);
        asm.callExternal(i);                                             // call
        asm.cmp(S32, Amode.baseDisp(RBP, -8), 1000);                     // loop back edge
        asm.jcc(ConditionCode.L, loop);
        asm.jmp(i == ITERATIONS - 1 ? exit : loop);
    }
}
