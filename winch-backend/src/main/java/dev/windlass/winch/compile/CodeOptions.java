package dev.windlass.winch.compile;

import dev.windlass.winch.vm.MemoryStrategy;
import java.util.Objects;

/**
 * The settings that change the code a module compiles to, besides the target CPU: what the
 * code meters and how it keeps memory accesses in bounds. A compile cache keyed on a module
 * must key on these too.
 *
 * @param metering       the fuel and epoch checks the code makes
 * @param memoryStrategy how loads and stores of 32-bit memories stay in bounds
 */
public record CodeOptions(Metering metering, MemoryStrategy memoryStrategy) {

    /** No metering, explicit bounds checks. */
    public static final CodeOptions DEFAULT = new CodeOptions(Metering.NONE, MemoryStrategy.EXPLICIT_CHECKS);

    public CodeOptions {
        Objects.requireNonNull(metering, "metering");
        Objects.requireNonNull(memoryStrategy, "memoryStrategy");
    }
}
