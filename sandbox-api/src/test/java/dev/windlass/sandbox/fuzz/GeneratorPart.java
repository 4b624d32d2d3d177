package dev.windlass.sandbox.fuzz;

/** One of the generators of a {@link BodyGenerator}: it reaches the others and the body's state. */
abstract class GeneratorPart {

    final BodyGenerator g;
    final BodyState s;

    GeneratorPart(BodyGenerator g) {
        this.g = g;
        this.s = g.state;
    }
}
