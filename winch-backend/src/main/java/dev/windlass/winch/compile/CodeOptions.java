package dev.windlass.winch.compile;

import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.Metering;
import java.util.Objects;

/**
 * The settings that change the code a module compiles to, besides the target CPU: what the
 * code meters and how it keeps memory accesses in bounds. A compile cache keyed on a module
 * must key on these too.
 *
 * @param metering          the fuel and epoch checks the code makes
 * @param memoryStrategy    how loads and stores of 32-bit memories stay in bounds
 * @param spectreHardening  whether every bounds check also keeps a mis-speculated access in bounds
 *                          (Spectre v1, as Wasmtime does by default): after the check's branch a
 *                          conditional move sends an out-of-bounds memory address to address 0
 *                          and a table or jump-table index to entry 0, so not even speculative
 *                          execution reads past a memory or a table
 */
public record CodeOptions(Metering metering, MemoryStrategy memoryStrategy, boolean spectreHardening) {

    /** No metering, explicit bounds checks, Spectre hardening. */
    public static final CodeOptions DEFAULT = new CodeOptions(Metering.NONE, MemoryStrategy.EXPLICIT_CHECKS);

    public CodeOptions {
        Objects.requireNonNull(metering, "metering");
        Objects.requireNonNull(memoryStrategy, "memoryStrategy");
    }

    /** Options with Spectre hardening on. */
    public CodeOptions(Metering metering, MemoryStrategy memoryStrategy) {
        this(metering, memoryStrategy, true);
    }
}
