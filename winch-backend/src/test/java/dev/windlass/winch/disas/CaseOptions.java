package dev.windlass.winch.disas;

import dev.windlass.winch.compile.CodeOptions;
import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.isa.x64.CpuFeature;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.vm.MemoryStrategy;
import java.util.List;

/**
 * How a golden case is compiled, from the {@code ;; options:} line in its header (absent: the
 * defaults). The words, in any order:
 *
 * <pre>
 *   fuel              fuel metering on
 *   epochs            epoch checks on
 *   memory=guard      guard-page memories (default: memory=explicit, explicit bounds checks)
 *   target=baseline   plain x86-64 with no optional feature, to show the fallbacks
 *                     (default: target=v3, a fixed x86-64-v3 feature set, never the host's)
 *   stubs             list the trap handler, host adapter and entry trampolines too
 * </pre>
 *
 * @param code   what {@link dev.windlass.winch.compile.ModuleCompiler} is given
 * @param target the CPU the code is for
 * @param stubs  whether the module's shared code is listed besides its functions
 */
record CaseOptions(CodeOptions code, NamedTarget target, boolean stubs) {

    /** A fixed feature set, named in the listing's header. */
    enum NamedTarget {
        V3("x86-64-v3", Target.of(CpuFeature.SSE41, CpuFeature.SSE42, CpuFeature.POPCNT, CpuFeature.LZCNT,
                CpuFeature.BMI1, CpuFeature.BMI2, CpuFeature.AVX, CpuFeature.AVX2)),
        BASELINE("x86-64 baseline", Target.baseline());

        final String title;
        final Target target;

        NamedTarget(String title, Target target) {
            this.title = title;
            this.target = target;
        }
    }

    private static final String PREFIX = ";; options:";

    /**
     * {@return the options stated by {@code source}'s header}: the comment lines before the
     * first line that is not a comment
     *
     * @throws IllegalArgumentException on a word that is not an option
     */
    static CaseOptions fromHeader(List<String> source) {
        boolean fuel = false;
        boolean epochs = false;
        boolean stubs = false;
        MemoryStrategy memory = MemoryStrategy.EXPLICIT_CHECKS;
        NamedTarget target = NamedTarget.V3;
        for (String line : source) {
            String trimmed = line.strip();
            if (!trimmed.startsWith(";;")) {
                break;
            }
            if (!trimmed.startsWith(PREFIX)) {
                continue;
            }
            for (String word : trimmed.substring(PREFIX.length()).strip().split("\\s+")) {
                switch (word) {
                    case "fuel" -> fuel = true;
                    case "epochs" -> epochs = true;
                    case "stubs" -> stubs = true;
                    case "memory=guard" -> memory = MemoryStrategy.GUARD_PAGES;
                    case "memory=explicit" -> memory = MemoryStrategy.EXPLICIT_CHECKS;
                    case "target=baseline" -> target = NamedTarget.BASELINE;
                    case "target=v3" -> target = NamedTarget.V3;
                    default -> throw new IllegalArgumentException("unknown option '" + word
                            + "'; known: fuel epochs stubs memory=guard memory=explicit target=baseline target=v3");
                }
            }
        }
        return new CaseOptions(new CodeOptions(new Metering(fuel, epochs), memory), target, stubs);
    }

    /** {@return one line saying what the code was compiled for} */
    String describe() {
        return "%s, %s, fuel %s, epochs %s".formatted(
                target.title,
                code.memoryStrategy() == MemoryStrategy.GUARD_PAGES ? "guard pages" : "explicit bounds checks",
                code.metering().fuel() ? "on" : "off",
                code.metering().epochs() ? "on" : "off");
    }
}
