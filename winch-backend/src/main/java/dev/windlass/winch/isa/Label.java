package dev.windlass.winch.isa;

/**
 * A position in a {@link CodeBuffer}'s code, named before it is known: branches and pc-relative
 * references may use a label before or after {@link CodeBuffer#bind(Label) bind} fixes it.
 * Labels for constant-pool entries come from {@link CodeBuffer#constant128(long, long)} and are
 * placed after the function's code by {@link CodeBuffer#finish()}.
 *
 * <p>A label belongs to one buffer and to one function in it: after {@link CodeBuffer#reset()}
 * its labels are stale and every use of one throws {@link IllegalArgumentException}.
 */
public final class Label {

    final CodeBuffer owner;
    final int generation;
    final int id;

    Label(CodeBuffer owner, int generation, int id) {
        this.owner = owner;
        this.generation = generation;
        this.id = id;
    }

    @Override
    public String toString() {
        return "L" + id;
    }
}
