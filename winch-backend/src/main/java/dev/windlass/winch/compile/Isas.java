package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.codegen.x64.X64Isa;
import dev.windlass.winch.isa.x64.Target;

/**
 * The one place that picks the instruction set code is generated for. There is one today,
 * x86-64; another is an implementation of {@link Isa} and a choice here.
 */
final class Isas {

    private Isas() {
    }

    /** {@return the ISA for CPUs with {@code target}'s features, generating code as {@code options} say} */
    static Isa of(Target target, CodeOptions options) {
        return new X64Isa(target, options.metering().fuel(), options.spectreHardening());
    }
}
