package dev.windlass.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the process holds, from {@code /proc/self}: resident memory and mappings, for leak checks. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@return the process's resident set size in KiB (VmRSS)} */
    static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** {@return how many mappings the process has (lines of /proc/self/maps)} */
    static long mappings() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return {@code measure} once collected native memory is given back}: a collection finds
     * dropped modules and memories, their cleaners unmap them a moment later; measured until it
     * stops falling (at most a second)
     */
    static long settled(java.util.function.LongSupplier measure) {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = measure.getAsLong();
            if (now >= last) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
