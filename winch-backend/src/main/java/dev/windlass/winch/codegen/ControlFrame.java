package dev.windlass.winch.codegen;

import dev.windlass.winch.isa.Label;
import dev.windlass.winch.wasm.FuncType;

/**
 * An entered {@code block}, {@code loop}, {@code if} or the function body, with what a branch to
 * it must produce.
 *
 * <p>{@link #target} is the state of the value stack at the frame's label, up to
 * {@link #base()} plus its arity: entries below the frame keep the location they had when the
 * frame was entered; a loop's params keep theirs (the back edge re-enters the head); a block's
 * or an if's results get locations chosen on entry. Every branch to the label, and the fall
 * through to it, moves its values into that state ({@link StateTransfer}), so the code after the
 * label can trust one state, without spilling everything at every block boundary.
 */
final class ControlFrame {

    enum Kind { FUNCTION, BLOCK, LOOP, IF, ELSE }

    Kind kind;
    final FuncType type;
    /** Stack height below the frame's params. */
    final int base;
    /** Where branches go: the end for a block/if/function, the head for a loop. */
    final Label label;
    /** For an if: where the false branch goes (the else, or the end without one). */
    final Label elseLabel;
    /** The state at {@link #label}. */
    final MergeState target;
    /** For an if: the state on entry (below base plus params), where the else starts. */
    final MergeState elseState;
    /** Whether some branch or a fall-through reaches {@link #label} (a loop's head always is). */
    boolean labelReached;
    /** Whether the code being emitted inside the frame is reachable. */
    boolean reachable;

    ControlFrame(Kind kind, FuncType type, int base, Label label, Label elseLabel, MergeState target, MergeState elseState,
                 boolean reachable) {
        this.kind = kind;
        this.type = type;
        this.base = base;
        this.label = label;
        this.elseLabel = elseLabel;
        this.target = target;
        this.elseState = elseState;
        this.reachable = reachable;
        this.labelReached = kind == Kind.LOOP;
    }

    /** {@return the number of values a branch to this frame carries} */
    int branchArity() {
        return kind == Kind.LOOP ? type.params().size() : type.results().size();
    }
}
