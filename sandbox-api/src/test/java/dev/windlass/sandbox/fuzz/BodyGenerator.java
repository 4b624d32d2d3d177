package dev.windlass.sandbox.fuzz;

/**
 * The generators of one function body, wired to each other: expressions contain control and
 * effects, control contains expressions and effects, and so on, all writing to one
 * {@link BodyState}. Every method of them keeps the operand stack typed: it pushes exactly
 * what it promises (or leaves the code unreachable), so every module validates.
 */
final class BodyGenerator {

    final BodyState state;
    final ExpressionGenerator expressions;
    final ControlGenerator control;
    final EffectGenerator effects;
    final CallGenerator calls;
    final MemoryGenerator memory;

    BodyGenerator(BodyState state) {
        this.state = state;
        this.expressions = new ExpressionGenerator(this);
        this.control = new ControlGenerator(this);
        this.effects = new EffectGenerator(this);
        this.calls = new CallGenerator(this);
        this.memory = new MemoryGenerator(this);
    }
}
