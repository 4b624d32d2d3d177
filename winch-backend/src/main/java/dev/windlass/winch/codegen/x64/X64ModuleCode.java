package dev.windlass.winch.codegen.x64;

import static dev.windlass.winch.codegen.x64.X64Registers.CONTEXT;
import static dev.windlass.winch.codegen.x64.X64Registers.SCRATCH;

import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.vm.EntryStatus;
import dev.windlass.winch.vm.HostContextOffsets;
import dev.windlass.winch.vm.RuntimeOffsets;
import dev.windlass.winch.vm.TrapCode;

/**
 * The code every module has besides its functions: the entry trampolines (System V "array
 * call" to the internal convention), the trap handler (the hand-made longjmp) and the host
 * adapter (internal convention to an FFM upcall).
 *
 * <h2>Entry trampoline and unwinding</h2>
 * <pre>
 *   int entry(vmctx rdi, code address rsi, uint64_t *argsAndResults rdx)
 *
 *   rbp + 8    return address into the JVM
 *   rbp        saved rbp
 *   rbp - 8    rbx, r12, r13, r14, r15 (callee-saved in System V)
 *   ...
 *   rbp - 48   the store's previous unwind point (entries nest: Wasm -> host -> Wasm)
 *   rbp - 56   argsAndResults                       <- the store's unwind point
 *   ...        the callee's arguments and results, at rsp + 8*i, rsp 16-byte aligned
 * </pre>
 * The outermost entry first checks that rsp lies within the stack the runtime took the limit
 * for ({@link RuntimeOffsets#STACK_FLOOR}, {@link RuntimeOffsets#STACK_CEILING}), and returns
 * {@link EntryStatus#WRONG_STACK} at once if not.
 * The trap handler reloads rsp from the unwind point and leaves exactly as the trampoline
 * does, with status 1 instead of 0; the trap pc it stores in the runtime block tells the
 * runtime which trap it was (from the module's trap table).
 *
 * <h2>Backtrace</h2>
 * Every Wasm function (and the host adapter) starts with {@code push rbp; mov rbp, rsp}, so
 * the frames form a chain through rbp, and a trap stub, entered by {@code call} from the
 * function body, still has the trapping function's rbp. Before it unwinds, the trap handler
 * walks that chain and copies the return addresses into the runtime block
 * ({@link RuntimeOffsets#BACKTRACE}); it must, because the frames are dead once the trampoline
 * has returned, and the JVM's next frames overwrite them.
 * <pre>
 *   trampoline rbp  = saved entry rsp + 56     <- the walk stops here
 *        ...
 *   caller rbp + 8    return address into the trampoline   (recorded last)
 *   caller rbp        saved rbp = trampoline rbp
 *        ...
 *   rbp + 8           return address into the caller       (recorded first)
 *   rbp               saved rbp = caller rbp                <- the walk starts here
 *        ...
 *   rsp               (the trap stub's return address, already popped: the trap pc)
 * </pre>
 * The walk reads only between rsp and the trampoline's frame, and only while each saved rbp
 * lies strictly above the last, so even a corrupted chain ends within the thread's stack. It
 * counts every frame but keeps the innermost {@link RuntimeOffsets#BACKTRACE_CAPACITY}.
 *
 * <h2>Host adapter</h2>
 * Called like any Wasm function, with the context register pointing at a host function's
 * context ({@link HostContextOffsets}). It calls
 * {@code int upcall(long id, uint64_t *argsAndResults, void *callerContext)} on the caller's
 * outgoing area (which holds the arguments and receives the results, as for any callee) and
 * traps with HOST_EXCEPTION when the status is not 0. The caller's context, which every Wasm
 * prologue saves at {@code [rbp - 8]}, tells the host which instance called it (for its memory).
 */
public final class X64ModuleCode {

    /** Status the entry trampoline returns after a trap. */
    public static final int TRAP_STATUS = EntryStatus.TRAPPED;

    private static final int UNWIND_POINT = -56;

    private X64ModuleCode() {
    }

    /**
     * Emits the trap handler, entered by {@code call} from a trap site (so the return address
     * minus 5 is the site). The runtime block is found through the context register.
     */
    public static void emitTrapHandler(X64Assembler asm, boolean fuel) {
        asm.pop(SCRATCH);
        asm.sub(OperandSize.S64, SCRATCH, 5);
        asm.mov(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(CONTEXT, 0));
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.TRAP_PC), SCRATCH);
        emitBacktraceWalk(asm);
        asm.mov(OperandSize.S64, Gpr.RSP, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.SAVED_ENTRY_RSP));
        asm.mov(OperandSize.S32, Gpr.RAX, TRAP_STATUS);
        emitUnwindExit(asm, fuel);
    }

    /**
     * Copies the return addresses of the rbp chain, from the trapping frame up to the innermost
     * entry trampoline's, into the runtime block (rax); see the class documentation. Uses rcx
     * (the trampoline's frame), rdx (the frame), rsi (the depth) and rdi.
     */
    private static void emitBacktraceWalk(X64Assembler asm) {
        Gpr runtime = Gpr.RAX;
        Gpr stop = Gpr.RCX;
        Gpr frame = Gpr.RDX;
        Gpr depth = Gpr.RSI;
        Gpr word = Gpr.RDI;
        asm.mov(OperandSize.S64, stop, new Amode.BaseDisp(runtime, RuntimeOffsets.SAVED_ENTRY_RSP));
        asm.add(OperandSize.S64, stop, -UNWIND_POINT);
        asm.mov(OperandSize.S64, frame, Gpr.RBP);
        asm.mov(OperandSize.S32, depth, 0);
        Label loop = asm.newLabel();
        Label counted = asm.newLabel();
        Label done = asm.newLabel();
        asm.bind(loop);
        asm.cmp(OperandSize.S64, frame, stop);
        asm.jcc(ConditionCode.AE, done);
        asm.cmp(OperandSize.S64, frame, Gpr.RSP);
        asm.jcc(ConditionCode.B, done);
        asm.cmp(OperandSize.S64, depth, RuntimeOffsets.BACKTRACE_CAPACITY);
        asm.jcc(ConditionCode.AE, counted);
        asm.mov(OperandSize.S64, word, new Amode.BaseDisp(frame, 8));
        asm.mov(OperandSize.S64, new Amode.BaseIndexDisp(runtime, depth, 8, RuntimeOffsets.BACKTRACE), word);
        asm.bind(counted);
        asm.add(OperandSize.S64, depth, 1);
        asm.mov(OperandSize.S64, word, new Amode.BaseDisp(frame, 0));
        asm.cmp(OperandSize.S64, word, frame);
        asm.jcc(ConditionCode.BE, done);
        asm.mov(OperandSize.S64, frame, word);
        asm.jmp(loop);
        asm.bind(done);
        asm.mov(OperandSize.S64, new Amode.BaseDisp(runtime, RuntimeOffsets.BACKTRACE_DEPTH), depth);
    }

    /** Leaves an entry trampoline from its unwind point, with the status in eax. */
    private static void emitUnwindExit(X64Assembler asm, boolean fuel) {
        asm.pop(Gpr.RDX);
        asm.pop(SCRATCH);
        asm.mov(OperandSize.S64, Gpr.RCX, new Amode.BaseDisp(CONTEXT, 0));
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RCX, RuntimeOffsets.SAVED_ENTRY_RSP), SCRATCH);
        if (fuel) {
            asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RCX, RuntimeOffsets.FUEL), X64Registers.FUEL);
        }
        emitRestoreAndReturn(asm);
    }

    /** Pops what the entry trampoline pushed first (r15 .. rbx, rbp) and returns to the JVM. */
    private static void emitRestoreAndReturn(X64Assembler asm) {
        asm.pop(Gpr.R15);
        asm.pop(Gpr.R14);
        asm.pop(Gpr.R13);
        asm.pop(Gpr.R12);
        asm.pop(Gpr.RBX);
        asm.pop(Gpr.RBP);
        asm.ret();
    }

    /**
     * Emits the entry trampoline for functions with {@code params} parameters and
     * {@code results} results (all passed as 8-byte slots).
     */
    public static void emitEntryTrampoline(X64Assembler asm, int params, int results, boolean fuel) {
        asm.push(Gpr.RBP);
        asm.mov(OperandSize.S64, Gpr.RBP, Gpr.RSP);
        asm.push(Gpr.RBX);
        asm.push(Gpr.R12);
        asm.push(Gpr.R13);
        asm.push(Gpr.R14);
        asm.push(Gpr.R15);
        asm.mov(OperandSize.S64, CONTEXT, Gpr.RDI);
        asm.mov(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(CONTEXT, 0));
        Label wrongStack = asm.newLabel();
        emitStackCheck(asm, wrongStack);
        if (fuel) {
            asm.mov(OperandSize.S64, X64Registers.FUEL, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.FUEL));
        }
        asm.push(new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.SAVED_ENTRY_RSP));
        asm.push(Gpr.RDX);
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.SAVED_ENTRY_RSP), Gpr.RSP);
        int slots = Math.max(params, results);
        int area = ((8 * slots + 15) & ~15) + 8; // rsp is 8 mod 16 here; 0 mod 16 at the call
        asm.sub(OperandSize.S64, Gpr.RSP, area);
        for (int i = 0; i < params; i++) {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(Gpr.RDX, 8 * i));
            asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RSP, 8 * i), SCRATCH);
        }
        asm.call(Gpr.RSI);
        asm.mov(OperandSize.S64, Gpr.RDX, new Amode.BaseDisp(Gpr.RBP, UNWIND_POINT));
        for (int k = 0; k < results; k++) {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(Gpr.RSP, 8 * k));
            asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RDX, 8 * k), SCRATCH);
        }
        asm.mov(OperandSize.S32, Gpr.RAX, EntryStatus.OK);
        asm.lea(OperandSize.S64, Gpr.RSP, new Amode.BaseDisp(Gpr.RBP, UNWIND_POINT));
        emitUnwindExit(asm, fuel);
        asm.bind(wrongStack); // nothing ran and nothing was saved but the callee-saved registers
        asm.mov(OperandSize.S32, Gpr.RAX, EntryStatus.WRONG_STACK);
        emitRestoreAndReturn(asm);
    }

    /**
     * The outermost entry (no unwind point saved yet: a nested one runs on the same thread, below
     * it) checks that rsp lies within the stack the runtime took the limit for, [floor, ceiling];
     * otherwise it leaves through {@code wrongStack} before anything runs. The prologue checks
     * trust the limit; this is what makes the limit trustworthy on a virtual thread, which can
     * move to another carrier between the runtime's taking it and this call. rax: the runtime
     * block.
     */
    private static void emitStackCheck(X64Assembler asm, Label wrongStack) {
        Label checked = asm.newLabel();
        asm.cmp(OperandSize.S64, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.SAVED_ENTRY_RSP), 0);
        asm.jcc(ConditionCode.NE, checked);
        asm.cmp(OperandSize.S64, Gpr.RSP, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.STACK_CEILING));
        asm.jcc(ConditionCode.A, wrongStack);
        asm.cmp(OperandSize.S64, Gpr.RSP, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.STACK_FLOOR));
        asm.jcc(ConditionCode.B, wrongStack);
        asm.bind(checked);
    }

    /** Emits the host adapter; see the class documentation. */
    public static void emitHostAdapter(X64Assembler asm, boolean fuel) {
        asm.push(Gpr.RBP);
        asm.mov(OperandSize.S64, Gpr.RBP, Gpr.RSP);
        if (fuel) { // the host may read or set the fuel (Store.getFuel/setFuel), or enter Wasm again
            asm.mov(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(CONTEXT, 0));
            asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RAX, RuntimeOffsets.FUEL), X64Registers.FUEL);
        }
        asm.mov(OperandSize.S64, Gpr.RDI, new Amode.BaseDisp(CONTEXT, HostContextOffsets.FUNCTION_ID));
        asm.lea(OperandSize.S64, Gpr.RSI, new Amode.BaseDisp(Gpr.RBP, 16));
        asm.mov(OperandSize.S64, Gpr.RDX, new Amode.BaseDisp(Gpr.RBP, 0));
        asm.mov(OperandSize.S64, Gpr.RDX, new Amode.BaseDisp(Gpr.RDX, -8));
        asm.call(new Amode.BaseDisp(CONTEXT, HostContextOffsets.UPCALL_ADDRESS));
        if (fuel) {
            asm.mov(OperandSize.S64, SCRATCH, new Amode.BaseDisp(CONTEXT, 0));
            asm.mov(OperandSize.S64, X64Registers.FUEL, new Amode.BaseDisp(SCRATCH, RuntimeOffsets.FUEL));
        }
        asm.test(OperandSize.S32, Gpr.RAX, Gpr.RAX);
        Label failed = asm.newLabel();
        asm.jcc(ConditionCode.NE, failed);
        asm.pop(Gpr.RBP);
        asm.ret();
        asm.bind(failed);
        asm.buffer().recordTrap(TrapCode.HOST_EXCEPTION.code());
        asm.callExternal(Isa.TRAP_HANDLER_CALLEE);
    }
}
