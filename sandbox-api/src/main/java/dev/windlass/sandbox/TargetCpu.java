package dev.windlass.sandbox;

import dev.windlass.winch.isa.x64.Target;

/**
 * Which optional x86-64 instructions an {@link Engine}'s code may use ({@link Config#targetCpu()}).
 * Code compiled for a CPU runs on any machine with at least its features; a {@code .cwasm} file
 * records what it was compiled for, and an engine with another setting recompiles it.
 */
public enum TargetCpu {
    /** Every optional instruction this machine has (LZCNT, TZCNT, POPCNT, SSE4.1, AVX...): the default. */
    HOST,
    /** Plain x86-64 (SSE2) with none of the optional instructions: the fallbacks, for code shipped elsewhere. */
    BASELINE;

    /** {@return the compiler's target for this choice}; {@link #HOST} reads the machine's features */
    Target compilerTarget() {
        return switch (this) {
            case HOST -> Target.host();
            case BASELINE -> Target.baseline();
        };
    }
}
