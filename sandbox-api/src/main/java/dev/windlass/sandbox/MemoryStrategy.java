package dev.windlass.sandbox;

/**
 * How loads and stores of 32-bit linear memories stay in bounds ({@link Config#memoryStrategy()});
 * memory64 memories always use explicit checks. It changes the compiled code, and a module
 * compiled for guard pages links only to guard-page memories. See the module README for the
 * measurements behind the default.
 */
public enum MemoryStrategy {
    /**
     * Every access compares {@code index + offset + size} with the current length and traps past
     * it; a memory reserves only its maximum, and no signal handler is needed. The default.
     */
    EXPLICIT_CHECKS(dev.windlass.winch.vm.MemoryStrategy.EXPLICIT_CHECKS),
    /**
     * A memory reserves 8 GiB + 64 KiB of address space, of which only the current length is
     * accessible; accesses are not checked, and a fault in the rest becomes a
     * {@link TrapCode#MEMORY_OUT_OF_BOUNDS} trap through a SIGSEGV/SIGBUS handler installed in
     * front of the JVM's when the first such memory is made.
     */
    GUARD_PAGES(dev.windlass.winch.vm.MemoryStrategy.GUARD_PAGES);

    private final dev.windlass.winch.vm.MemoryStrategy compilerStrategy;

    MemoryStrategy(dev.windlass.winch.vm.MemoryStrategy compilerStrategy) {
        this.compilerStrategy = compilerStrategy;
    }

    /** {@return the compiler's name for this strategy} */
    dev.windlass.winch.vm.MemoryStrategy compilerStrategy() {
        return compilerStrategy;
    }
}
