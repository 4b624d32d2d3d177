package dev.windlass.winch.codegen;

import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.wasm.Opcode;

/**
 * Fuel and epoch checks: where they go and what they charge. The instructions themselves are the
 * MacroAssembler's ({@link MacroAssembler#consumeFuel}, {@link MacroAssembler#checkEpoch}).
 *
 * <h2>Fuel</h2>
 * Every operator costs one unit, except {@code nop}, {@code drop}, {@code block}, {@code loop},
 * {@code end}, {@code else}, {@code unreachable} and {@code return}, which cost nothing (Wasmtime's
 * table). Costs are added up at compile time over a straight-line run and charged by one
 * subtraction at the run's end, which is the last point every operator of the run has been
 * reached on every path:
 * <pre>
 *   before a branch    br, br_if, br_table, return, the conditional jump of if, else's jump
 *   before a label     a loop header, the else of an if, the end of a block or if
 *   before a call      call, call_indirect (so the callee starts from what is really left)
 *   at the function's end
 * </pre>
 * Each charge is also the check: {@code fuel -= n} traps with OUT_OF_FUEL when the result is
 * negative, so the counter never needs a separate test at function entries or loop headers
 * (every iteration of a loop goes through its back edge's charge, every call through the call's).
 * The rule: <b>execution stops at the first charge that would take the store's fuel below zero;
 * the operators of that run have executed</b>. So a program given exactly its cost finishes, one
 * unit less stops at its last run, and the same program with the same fuel always stops at the
 * same operator. Dead code is neither emitted nor charged.
 *
 * <h2>Epochs</h2>
 * At every loop header the code compares the engine's epoch counter with the store's deadline
 * and traps with INTERRUPT when the counter has reached it. Function entries make no check of
 * their own: when the deadline passes, the runtime sets the store's stack limit to the highest
 * address (V8's stack-guard interrupt), so the next prologue's stack check fails, and the runtime
 * reports that trap as INTERRUPT. Any loop or recursion passes one of those points, so raising
 * the counter (or lowering the deadline) stops a running store within one iteration or call,
 * and a call-heavy program pays nothing for epochs at its calls.
 */
final class MeteringLowering {

    /** Charges larger than this are split, so that one immediate always holds them. */
    private static final int MAX_CHARGE = 1 << 30;
    /** A bulk memory operation costs one unit per {@code 2^6 = 64} bytes. */
    static final int BYTE_UNIT_SHIFT = 6;
    /** A bulk table operation costs one unit per {@code 2^3 = 8} elements (64 bytes of entries). */
    static final int ELEMENT_UNIT_SHIFT = 3;

    private final Metering metering;
    private final MacroAssembler masm;
    private final CodeGenContext context;
    /** Units of the operators since the last charge: the current run's cost. */
    private int pending;

    MeteringLowering(Metering metering, MacroAssembler masm, CodeGenContext context) {
        this.metering = metering;
        this.masm = masm;
        this.context = context;
    }

    /** {@return the fuel {@code op} costs} */
    static int cost(Opcode op) {
        return switch (op) {
            case NOP, DROP, BLOCK, LOOP, END, ELSE, UNREACHABLE, RETURN -> 0;
            default -> 1;
        };
    }

    /** Adds the cost of {@code op}, about to be lowered in reachable code, to the current run. */
    void account(Opcode op) {
        if (!metering.fuel()) {
            return;
        }
        pending += cost(op);
        if (pending >= MAX_CHARGE) {
            charge();
        }
    }

    /**
     * Ends the current run: charges what it cost (nothing is emitted for a run that cost
     * nothing). Clobbers the flags, so it comes before the comparison of a conditional branch.
     */
    void charge() {
        if (pending > 0) {
            masm.consumeFuel(pending);
            pending = 0;
        }
    }

    /**
     * Charges a bulk operation for its length, the top of the stack (left there for the
     * operation): {@code length >>> unitShift} units, unsigned.
     */
    void chargeLength(int unitShift) {
        if (!metering.fuel()) {
            return;
        }
        Val length = context.peek();
        if (length instanceof Val.Const c) {
            long bits = c.type() == dev.windlass.winch.wasm.ValType.I32 ? c.bits() & 0xFFFF_FFFFL : c.bits();
            long units = bits >>> unitShift;
            if (units == 0) {
                return;
            }
            if (units <= MAX_CHARGE) {
                masm.consumeFuel((int) units);
                return;
            }
        }
        Reg temp = context.allocate(Reg.Bank.INT);
        context.moves().toReg(temp, length, context.height() - 1); // a 32-bit length is zero-extended
        masm.consumeFuelForLength(temp, unitShift);
        context.free(temp);
    }

    /** The check after the prologue. */
    void atFunctionEntry() {
        // Nothing for epochs: a function entry is interrupted through its prologue's stack-limit
        // check, which the runtime makes fail when the deadline passes (see the class comment).
    }

    /**
     * Prepares a loop header, before the loop's state is captured: charges the code before the
     * loop (it runs once, not with every iteration) and {@return the register the epoch check
     * will use}, or null. Allocating it here means a spill it causes happens once, before the
     * loop, and is part of the state every back edge restores.
     */
    Reg beforeLoopHeader() {
        charge();
        return metering.epochs() ? context.allocate(Reg.Bank.INT) : null;
    }

    /** The check right after a loop header's label, with the register {@link #beforeLoopHeader} gave. */
    void atLoopHeader(Reg epochTemp) {
        if (epochTemp != null) {
            masm.checkEpoch(epochTemp);
            context.free(epochTemp);
        }
    }
}
