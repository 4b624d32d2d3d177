package dev.windlass.winch.codegen.x64;

import dev.windlass.winch.codegen.Reg;
import dev.windlass.winch.codegen.RegSet;
import dev.windlass.winch.isa.x64.Gpr;
import dev.windlass.winch.isa.x64.Xmm;

/**
 * The roles of x86-64's registers in compiled Wasm code (the internal convention; the entry
 * trampoline and the host adapter translate from and to System V).
 *
 * <pre>
 *   rsp, rbp   stack and frame pointer
 *   r14        the context: VMContext of the running instance (callee-saved in System V,
 *              so it survives upcalls into Java)
 *   r11        scratch of the MacroAssembler, never allocated
 *   r15        with fuel metering only: the fuel left, loaded from the runtime block by the
 *              entry trampoline and written back whenever Java may look at it (at the exit,
 *              around host calls, at a trap); callee-saved in System V, so it survives upcalls
 *   xmm15      floating-point scratch, never allocated
 *   the rest   allocatable; none survives a call (every live value is spilled before one)
 * </pre>
 */
public final class X64Registers {

    public static final Gpr CONTEXT = Gpr.R14;
    public static final Gpr SCRATCH = Gpr.R11;
    public static final Xmm FLOAT_SCRATCH = Xmm.XMM15;
    public static final Gpr FUEL = Gpr.R15;

    private static final int RESERVED_INTS = bit(Gpr.RSP) | bit(Gpr.RBP) | bit(CONTEXT) | bit(SCRATCH);

    private X64Registers() {
    }

    /** {@return the registers values may be allocated to} */
    public static RegSet allocatable() {
        return allocatable(false);
    }

    /** {@return the registers values may be allocated to, without {@link #FUEL} when {@code fuel} is metered} */
    public static RegSet allocatable(boolean fuel) {
        int reserved = RESERVED_INTS | (fuel ? bit(FUEL) : 0);
        return new RegSet(0xFFFF & ~reserved, 0xFFFF & ~(1 << FLOAT_SCRATCH.encoding()));
    }

    static Gpr gpr(Reg reg) {
        return Gpr.of(reg.number());
    }

    static Reg reg(Gpr gpr) {
        return Reg.intReg(gpr.encoding());
    }

    private static int bit(Gpr gpr) {
        return 1 << gpr.encoding();
    }
}
