package dev.windlass.sandbox;

/**
 * Counts what a store holds against its {@link StoreLimits}: instances, memories and tables
 * made, and the bytes of all its memories. Admissions (making something) throw
 * {@link ResourceLimitException}; growth asks and gets {@code false} past a limit.
 */
final class StoreResources {

    private final StoreLimits limits;
    private int instances;
    private int memories;
    private int tables;
    private long memoryBytes;

    StoreResources(StoreLimits limits) {
        this.limits = limits;
    }

    StoreLimits limits() {
        return limits;
    }

    void admitInstance() {
        if (instances >= limits.instances()) {
            throw new ResourceLimitException("the store holds " + instances + " instances, its limit");
        }
        instances++;
    }

    void admitMemory(long initialBytes) {
        if (memories >= limits.memories()) {
            throw new ResourceLimitException("the store holds " + memories + " memories, its limit");
        }
        if (initialBytes > limits.memorySize()) {
            throw new ResourceLimitException("a memory of " + initialBytes + " bytes exceeds the limit of "
                    + limits.memorySize() + " bytes per memory");
        }
        if (initialBytes > limits.totalMemorySize() - memoryBytes) {
            throw new ResourceLimitException("a memory of " + initialBytes + " bytes would take the store past its "
                    + limits.totalMemorySize() + " bytes of memory (" + memoryBytes + " in use)");
        }
        memories++;
        memoryBytes += initialBytes;
    }

    /** Gives back what {@link #admitMemory} counted for a memory that could not be made after all. */
    void memoryNotMade(long initialBytes) {
        memories--;
        memoryBytes -= initialBytes;
    }

    /** {@return whether a memory may grow from {@code currentBytes} to {@code desiredBytes}}; counts it if so */
    boolean memoryGrowing(long currentBytes, long desiredBytes) {
        long added = desiredBytes - currentBytes;
        if (desiredBytes > limits.memorySize() || added > limits.totalMemorySize() - memoryBytes) {
            return false;
        }
        memoryBytes += added;
        return true;
    }

    /** Gives back bytes counted by {@link #memoryGrowing} for a growth that then failed. */
    void memoryGrowFailed(long currentBytes, long desiredBytes) {
        memoryBytes -= desiredBytes - currentBytes;
    }

    void admitTable(long initialElements) {
        if (tables >= limits.tables()) {
            throw new ResourceLimitException("the store holds " + tables + " tables, its limit");
        }
        if (initialElements > limits.tableElements()) {
            throw new ResourceLimitException("a table of " + initialElements + " elements exceeds the limit of "
                    + limits.tableElements() + " elements per table");
        }
        tables++;
    }

    /** {@return whether a table may grow to {@code desiredElements}} */
    boolean tableGrowing(long desiredElements) {
        return desiredElements <= limits.tableElements();
    }
}
