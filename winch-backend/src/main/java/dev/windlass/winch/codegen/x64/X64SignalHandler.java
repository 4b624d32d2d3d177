package dev.windlass.winch.codegen.x64;

import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.Amode;
import dev.windlass.winch.isa.x64.ConditionCode;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.OperandSize;
import dev.windlass.winch.isa.x64.X64Assembler;
import dev.windlass.winch.vm.CodeRangeTableLayout;

/**
 * The SIGSEGV/SIGBUS handler of guard-page memories, in machine code: a Java handler cannot run
 * on the faulting thread in the middle of generated code, and a native library is what Windlass
 * does not ship. Installed (by the runtime, with libc {@code sigaction}) in front of the JVM's
 * own handler, which keeps receiving every fault that is not ours: HotSpot uses SIGSEGV for
 * implicit null checks, stack banging and safepoint polls.
 *
 * <pre>
 *   void handler(int sig rdi, siginfo_t *info rsi, ucontext_t *uc rdx)
 *
 *   rip = uc->gregs[REG_RIP]
 *   for each live slot (start, end) of the code-range table:     (end == 0: a free slot)
 *       if start &lt;= rip &lt; end: goto ours
 *   chain: jmp previous handler (rdi, rsi, rdx untouched)      -- or, if the previous action was
 *          SIG_DFL / SIG_IGN: sigaction(sig, &amp;default, NULL); return  (the fault repeats and
 *          the default action, a core dump, happens)
 *   ours:  make the faulting access look as if it had called the module's trap handler:
 *          uc->rsp -= 8; *uc->rsp = rip + 5; uc->rip = start      (the trap handler is at code offset 0)
 *          return                                                  (sigreturn resumes in the trap handler)
 * </pre>
 *
 * The trap handler pops the return address and subtracts 5, the length of the {@code call} it
 * expects: so the trap pc it records is the faulting access, which the code generator recorded
 * as a MEMORY_OUT_OF_BOUNDS trap site. Context register (r14) and the store's unwind point are
 * valid at every access in a function body, as the trap handler needs. Writing below the
 * faulting rsp is safe: the kernel put the signal frame below the 128-byte red zone, and the
 * prologue's stack-limit check leaves far more than 8 bytes of stack below any Wasm frame.
 *
 * <p>Only loads and stores of guard-page memories can fault in code registered in the table:
 * every other check (tables, stack limit, call_indirect, memory64, bulk memory in Java) is
 * explicit. A registered range therefore only covers code compiled for guard pages.
 *
 * <h2>The code-range table</h2>
 * Written by Java under a lock, read here with no lock; its layout is
 * {@link CodeRangeTableLayout}'s. A slot is added before its code can run and removed before its
 * code is unmapped, so a stale read can only see a range that is still, or no longer, mapped
 * code of ours.
 */
public final class X64SignalHandler {

    /** glibc x86-64 {@code ucontext_t}: {@code uc_mcontext.gregs[REG_RSP]}. */
    public static final int UCONTEXT_RSP = 160;
    /** glibc x86-64 {@code ucontext_t}: {@code uc_mcontext.gregs[REG_RIP]}. */
    public static final int UCONTEXT_RIP = 168;
    /** Length of the {@code call} the trap handler expects to be entered by. */
    private static final int CALL_LENGTH = 5;

    private X64SignalHandler() {
    }

    /**
     * Emits a handler that chains to a previous {@code sa_sigaction}/{@code sa_handler}.
     *
     * @param table          address of the code-range table
     * @param previousHandler address of the handler to chain to (not SIG_DFL or SIG_IGN)
     */
    public static void emitChaining(X64Assembler asm, long table, long previousHandler) {
        Label chain = emitLookup(asm, table);
        asm.bind(chain);
        lockIncrement(asm, CodeRangeTableLayout.CHAINED_FAULTS);
        asm.mov(OperandSize.S64, Gpr.RAX, previousHandler);
        asm.jmp(Gpr.RAX);
    }

    /**
     * Emits a handler for a signal whose previous action was SIG_DFL or SIG_IGN: a fault that is
     * not ours restores the default action and returns, so that the fault repeats and kills the
     * process as it would have without us.
     *
     * @param sigaction     address of libc's {@code sigaction}
     * @param defaultAction address of a {@code struct sigaction} with {@code sa_handler = SIG_DFL}
     */
    public static void emitResettingToDefault(X64Assembler asm, long table, long sigaction, long defaultAction) {
        Label chain = emitLookup(asm, table);
        asm.bind(chain);
        lockIncrement(asm, CodeRangeTableLayout.CHAINED_FAULTS);
        asm.sub(OperandSize.S64, Gpr.RSP, 8); // rsp is 8 mod 16 at a handler's entry, as after a call
        asm.mov(OperandSize.S64, Gpr.RSI, defaultAction); // rdi still holds the signal number
        asm.mov(OperandSize.S32, Gpr.RDX, 0);
        asm.mov(OperandSize.S64, Gpr.RAX, sigaction);
        asm.call(Gpr.RAX);
        asm.add(OperandSize.S64, Gpr.RSP, 8);
        asm.ret();
    }

    /** {@code lock inc qword [rcx + offset]}: rcx holds the table address on every path. */
    private static void lockIncrement(X64Assembler asm, int offset) {
        asm.buffer().putByte(0xF0);
        asm.buffer().putByte(0x48);
        asm.buffer().putByte(0xFF);
        asm.buffer().putByte(0x41); // ModRM: mod 01 (disp8), reg 000 (/0 = inc), rm 001 (rcx)
        asm.buffer().putByte(offset);
    }

    /** Emits the table lookup and the redirect; {@return the label of the chaining path} (not bound). */
    private static Label emitLookup(X64Assembler asm, long table) {
        Label loop = asm.newLabel();
        Label next = asm.newLabel();
        Label ours = asm.newLabel();
        Label chain = asm.newLabel();
        asm.mov(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(Gpr.RDX, UCONTEXT_RIP));
        asm.mov(OperandSize.S64, Gpr.RCX, table);
        asm.mov(OperandSize.S64, Gpr.R8, new Amode.BaseDisp(Gpr.RCX, CodeRangeTableLayout.SLOTS_IN_USE));
        asm.lea(OperandSize.S64, Gpr.R9, new Amode.BaseDisp(Gpr.RCX, CodeRangeTableLayout.FIRST_SLOT));
        asm.bind(loop);
        asm.test(OperandSize.S64, Gpr.R8, Gpr.R8);
        asm.jcc(ConditionCode.E, chain);
        asm.cmp(OperandSize.S64, Gpr.RAX, new Amode.BaseDisp(Gpr.R9, CodeRangeTableLayout.SLOT_END)); // 0 in a free slot
        asm.jcc(ConditionCode.AE, next);
        asm.mov(OperandSize.S64, Gpr.R11, new Amode.BaseDisp(Gpr.R9, CodeRangeTableLayout.SLOT_START));
        asm.cmp(OperandSize.S64, Gpr.RAX, Gpr.R11);
        asm.jcc(ConditionCode.AE, ours);
        asm.bind(next);
        asm.add(OperandSize.S64, Gpr.R9, CodeRangeTableLayout.SLOT_SIZE);
        asm.sub(OperandSize.S64, Gpr.R8, 1);
        asm.jmp(loop);

        asm.bind(ours);
        lockIncrement(asm, CodeRangeTableLayout.TRAPPED_FAULTS);
        asm.mov(OperandSize.S64, Gpr.R10, new Amode.BaseDisp(Gpr.RDX, UCONTEXT_RSP));
        asm.sub(OperandSize.S64, Gpr.R10, 8);
        asm.add(OperandSize.S64, Gpr.RAX, CALL_LENGTH);
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.R10, 0), Gpr.RAX);
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RDX, UCONTEXT_RSP), Gpr.R10);
        asm.mov(OperandSize.S64, new Amode.BaseDisp(Gpr.RDX, UCONTEXT_RIP), Gpr.R11);
        asm.ret();
        return chain;
    }
}
