package dev.windlass.sandbox;

import java.util.List;

/**
 * One runtime's instance of a module in {@link DifferentialTest}: call exports, collect what the
 * host imports logged. Used by one thread at a time; {@link BoundedThread} gives each side its
 * own.
 */
interface RuntimeUnderTest extends AutoCloseable {

    /** {@return what calling export {@code name} with raw {@code args} did}; never throws for a trap */
    Outcome call(String name, long[] args);

    /** {@return the lines the host imports logged since the last call of this method} */
    List<String> takeLog();

    @Override
    void close();

    /** {@return the lines of {@code log}, which is emptied}: how sides implement {@link #takeLog()} */
    static List<String> drain(List<String> log) {
        List<String> taken = List.copyOf(log);
        log.clear();
        return taken;
    }
}
