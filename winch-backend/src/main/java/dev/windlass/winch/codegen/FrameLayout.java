package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;

/**
 * Where a function's values live in its stack frame. All offsets are relative to the frame
 * pointer, which the prologue sets after pushing the caller's.
 *
 * <pre>
 *   higher addresses
 *   +--------------------------------+
 *   | param n-1 / result slots       |  fp + 16 + 8*(n-1)    the caller's outgoing area:
 *   | ...                            |                       params in, results 2.. out
 *   | param 0                        |  fp + 16
 *   | return address                 |  fp + 8
 *   | caller's frame pointer         |  fp
 *   +--------------------------------+
 *   | context register               |  fp - 8               saved by the prologue
 *   | declared local 0               |  fp - 16              zeroed by the prologue
 *   | ...                            |
 *   | value stack slot 0             |  fp - localsBytes - 8 one slot per stack position:
 *   | ...                            |                       a value spilled at depth d
 *   | value stack slot d             |                       always goes to slot d
 *   | ...                            |
 *   | outgoing area (args, results)  |  sp + 8*i             for the calls this function makes
 *   +--------------------------------+  sp = fp - frameSize  (16-byte aligned)
 *   lower addresses
 * </pre>
 *
 * A fixed slot per stack position (as in V8's Liftoff) means spilling needs no push and the
 * frame never moves inside a function, so a branch target's state names slots, not stack
 * pointer offsets. The frame size depends on the deepest value stack and the largest call, so
 * the prologue's {@code sub sp, frameSize} is patched after the body is emitted.
 *
 * <p>Every slot is 8 bytes: i32, i64, f32, f64 and references. v128 (a later proposal) will
 * take two.
 */
final class FrameLayout {

    static final int SLOT_SIZE = 8;
    /** Offset of param 0 from the frame pointer: above the saved frame pointer and return address. */
    static final int FIRST_PARAM_OFFSET = 16;
    /** Offset of the saved context register: restored after calls into another context. */
    static final int CONTEXT_OFFSET = -8;

    private final int paramCount;
    private final ValType[] localTypes;
    private final int localsBytes;
    private int maxStackHeight;
    private int maxOutgoingSlots;

    /**
     * @param type       the function's type
     * @param localTypes every local, params first
     */
    FrameLayout(FuncType type, List<ValType> localTypes) {
        this.paramCount = type.params().size();
        this.localTypes = localTypes.toArray(ValType[]::new);
        this.localsBytes = SLOT_SIZE * (1 + this.localTypes.length - paramCount);
    }

    int localCount() {
        return localTypes.length;
    }

    ValType localType(int index) {
        return localTypes[index];
    }

    /** {@return the number of declared (non-parameter) locals, which the prologue zeroes} */
    int declaredLocalCount() {
        return localTypes.length - paramCount;
    }

    /** {@return the frame-pointer offset of local {@code index} (params included)} */
    int localOffset(int index) {
        if (index < paramCount) {
            return FIRST_PARAM_OFFSET + SLOT_SIZE * index;
        }
        return CONTEXT_OFFSET - SLOT_SIZE * (index - paramCount + 1);
    }

    /** {@return the frame-pointer offset of the slot for the value at stack position {@code depth}} */
    int spillSlot(int depth) {
        if (depth >= maxStackHeight) {
            maxStackHeight = depth + 1;
        }
        return -localsBytes - SLOT_SIZE * (depth + 1);
    }

    /** Notes a call that needs {@code slots} outgoing slots (max of its params and results). */
    void reserveOutgoing(int slots) {
        maxOutgoingSlots = Math.max(maxOutgoingSlots, slots);
    }

    /** {@return the stack-pointer offset of outgoing slot {@code i}} */
    static int outgoingSlot(int i) {
        return SLOT_SIZE * i;
    }

    /** {@return the frame size below the saved frame pointer, a multiple of 16} */
    int frameSize() {
        int bytes = localsBytes + SLOT_SIZE * (maxStackHeight + maxOutgoingSlots);
        return (bytes + 15) & ~15;
    }

    /** {@return the slots a caller reserves to call a function of type {@code type}} */
    static int argumentAreaSlots(FuncType type) {
        return Math.max(type.params().size(), type.results().size());
    }
}
