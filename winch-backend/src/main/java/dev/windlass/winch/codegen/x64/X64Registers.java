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
 *   xmm15      floating-point scratch, never allocated
 *   the rest   allocatable; none survives a call (every live value is spilled before one)
 * </pre>
 */
public final class X64Registers {

    public static final Gpr CONTEXT = Gpr.R14;
    public static final Gpr SCRATCH = Gpr.R11;
    public static final Xmm FLOAT_SCRATCH = Xmm.XMM15;

    private static final int RESERVED_INTS = bit(Gpr.RSP) | bit(Gpr.RBP) | bit(CONTEXT) | bit(SCRATCH);

    private X64Registers() {
    }

    /** {@return the registers values may be allocated to} */
    public static RegSet allocatable() {
        return new RegSet(0xFFFF & ~RESERVED_INTS, 0xFFFF & ~(1 << FLOAT_SCRATCH.encoding()));
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
