package dev.windlass.sandbox;

import dev.windlass.sandbox.ResourceLimitException.Limit;

/**
 * Counts what a store holds against its {@link StoreLimits}: instances, memories and tables
 * made, the bytes of all its memories and the elements of all its tables. Admissions (making
 * something) throw {@link ResourceLimitException}; growth asks and gets {@code false} past a limit.
 */
final class StoreResources {

    private final StoreLimits limits;
    private int instances;
    private int memories;
    private int tables;
    private long memoryBytes;
    private long tableElements;

    StoreResources(StoreLimits limits) {
        this.limits = limits;
    }

    StoreLimits limits() {
        return limits;
    }

    void admitInstance() {
        if (instances >= limits.instances()) {
            throw new ResourceLimitException(Limit.INSTANCES,
                    "the store holds " + instances + " instances, its limit");
        }
        instances++;
    }

    void admitMemory(long initialBytes) {
        if (memories >= limits.memories()) {
            throw new ResourceLimitException(Limit.MEMORIES, "the store holds " + memories + " memories, its limit");
        }
        if (initialBytes > limits.memorySize()) {
            throw new ResourceLimitException(Limit.MEMORY_SIZE, "a memory of " + initialBytes
                    + " bytes exceeds the limit of " + limits.memorySize() + " bytes per memory");
        }
        if (initialBytes > limits.totalMemorySize() - memoryBytes) {
            throw new ResourceLimitException(Limit.TOTAL_MEMORY_SIZE, "a memory of " + initialBytes
                    + " bytes would take the store past its limit of " + limits.totalMemorySize()
                    + " bytes of memory (" + memoryBytes + " in use)");
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
            throw new ResourceLimitException(Limit.TABLES, "the store holds " + tables + " tables, its limit");
        }
        if (initialElements > limits.tableElements()) {
            throw new ResourceLimitException(Limit.TABLE_ELEMENTS, "a table of " + initialElements
                    + " elements exceeds the limit of " + limits.tableElements() + " elements per table");
        }
        if (initialElements > limits.totalTableElements() - tableElements) {
            throw new ResourceLimitException(Limit.TOTAL_TABLE_ELEMENTS, "a table of " + initialElements
                    + " elements would take the store past its limit of " + limits.totalTableElements()
                    + " table elements (" + tableElements + " in use)");
        }
        tables++;
        tableElements += initialElements;
    }

    /** Gives back what {@link #admitTable} counted for a table that could not be made after all. */
    void tableNotMade(long initialElements) {
        tables--;
        tableElements -= initialElements;
    }

    /** {@return whether a table may grow from {@code currentElements} to {@code desiredElements}}; counts it if so */
    boolean tableGrowing(long currentElements, long desiredElements) {
        long added = desiredElements - currentElements;
        if (desiredElements > limits.tableElements() || added > limits.totalTableElements() - tableElements) {
            return false;
        }
        tableElements += added;
        return true;
    }

    /** Gives back elements counted by {@link #tableGrowing} for a growth that then failed. */
    void tableGrowFailed(long currentElements, long desiredElements) {
        tableElements -= desiredElements - currentElements;
    }
}
