package dev.windlass.winch.isa.x64;

import dev.windlass.winch.isa.Label;
import java.util.Objects;

/**
 * A memory operand (addressing mode). The assembler picks the shortest encoding: no
 * displacement when it is 0, disp8 when it fits in a signed byte, disp32 otherwise, and handles
 * the irregular registers itself: a base of rsp or r12 needs a SIB byte, and a base of rbp or r13
 * has no form without displacement, so it gets a disp8 of 0.
 *
 * <pre>
 *   [base + disp]                    Amode.base(RDI), Amode.baseDisp(RSP, 16)
 *   [base + index * scale + disp]    Amode.baseIndex(R14, RAX, 4, 0)    index must not be RSP
 *   [rip + label]                    Amode.rip(constantOrCodeLabel)
 * </pre>
 */
public sealed interface Amode extends Operand {

    /** {@code [base + displacement]}. */
    record BaseDisp(Gpr base, int displacement) implements Amode {
        /** Checks the base. */
        public BaseDisp {
            Objects.requireNonNull(base, "base");
        }
    }

    /** {@code [base + index * scale + displacement]}; {@code scale} is 1, 2, 4 or 8. */
    record BaseIndexDisp(Gpr base, Gpr index, int scale, int displacement) implements Amode {
        /**
         * Checks the operands.
         *
         * @throws IllegalArgumentException if the index is RSP (the encoding that means "no index")
         *         or the scale is not 1, 2, 4 or 8
         */
        public BaseIndexDisp {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(index, "index");
            if (index == Gpr.RSP) {
                throw new IllegalArgumentException("rsp cannot be an index register");
            }
            if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
                throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + scale);
            }
        }

        /** {@return the SIB encoding of the scale, log2(scale)} */
        int scaleBits() {
            return Integer.numberOfTrailingZeros(scale);
        }
    }

    /** {@code [rip + (target - end of instruction)]}: a constant-pool entry or a code label. */
    record RipRelative(Label target) implements Amode {
        /** Checks the target. */
        public RipRelative {
            Objects.requireNonNull(target, "target");
        }
    }

    /** {@return {@code [base]}} */
    static Amode base(Gpr base) {
        return new BaseDisp(base, 0);
    }

    /** {@return {@code [base + displacement]}} */
    static Amode baseDisp(Gpr base, int displacement) {
        return new BaseDisp(base, displacement);
    }

    /** {@return {@code [base + index * scale + displacement]}}; see {@link BaseIndexDisp} */
    static Amode baseIndex(Gpr base, Gpr index, int scale, int displacement) {
        return new BaseIndexDisp(base, index, scale, displacement);
    }

    /** {@return {@code [rip + target]}} */
    static Amode rip(Label target) {
        return new RipRelative(target);
    }
}
