package dev.windlass.nativemem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads /proc/self/maps, to check protections and unmapping from the kernel's point of view. */
final class ProcMaps {

    record Region(long start, long end, String permissions) {
    }

    private ProcMaps() {
    }

    static List<Region> regions() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().map(line -> {
                String[] fields = line.split("\\s+");
                String[] range = fields[0].split("-");
                return new Region(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), fields[1]);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the permissions ("r-xp", "---p", ...) of the page holding {@code address}, if mapped} */
    static Optional<String> permissionsAt(long address) {
        return regions().stream().filter(r -> address >= r.start() && address < r.end())
                .map(Region::permissions).findFirst();
    }
}
