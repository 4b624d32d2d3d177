package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.CodeBuffer;

/**
 * One instruction set, as the compiler sees it: everything {@code compile} needs that differs
 * between architectures comes from here, so a second one (aarch64 is planned) is a new
 * implementation, not an edit of the module compiler.
 *
 * <pre>
 *   ModuleCompiler ──▶ Isa ──newMacroAssembler(buffer)──▶ MacroAssembler  (one per function)
 *                       ├──allocatable()───────────────▶ RegSet          (the register allocator's registers)
 *                       ├──stubs()─────────────────────▶ RuntimeStubs    (trap handler, host adapter,
 *                       │                                                 entry trampolines, signal handler)
 *                       └──linkCall(code, site, target)                  (a call site's pc-relative field)
 * </pre>
 *
 * An implementation is fixed to one target CPU and one set of code options when it is made.
 */
public interface Isa {

    /**
     * The callee index of the module's trap handler in call-site tables (other call sites name a
     * function index); the linker places the trap handler at code offset 0.
     */
    int TRAP_HANDLER_CALLEE = -1;

    /** {@return an empty buffer whose alignment gaps are filled with this ISA's no-ops} */
    CodeBuffer newCodeBuffer();

    /** {@return a MacroAssembler that emits one function into {@code buffer}} */
    MacroAssembler newMacroAssembler(CodeBuffer buffer);

    /** {@return the registers the code generator may allocate values to} */
    RegSet allocatable();

    /** {@return the code the runtime needs besides the functions} */
    RuntimeStubs stubs();

    /** {@return the byte that fills the gaps between a module's pieces: code that traps if it is ever run} */
    int gapFill();

    /**
     * Makes the call whose call-site field is at {@code site} in {@code code} reach
     * {@code target} (both module code offsets).
     */
    void linkCall(byte[] code, int site, int target);
}
