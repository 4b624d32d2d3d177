package dev.windlass.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the shared test data is: {@code -Dwindlass.shared}, else {@code ../shared} or {@code ../../shared}. */
final class SharedData {

    private SharedData() {
    }

    static Path folder() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("windlass.shared");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        candidates.add(Path.of("..", "shared"));
        candidates.add(Path.of("..", "..", "shared"));
        return candidates.stream().filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("shared test data not found (tried " + candidates
                        + "); pass -Dwindlass.shared=/path/to/shared"));
    }
}
