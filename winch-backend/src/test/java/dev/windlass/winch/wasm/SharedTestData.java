package dev.windlass.winch.wasm;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared test data (spec tests, benchmark modules) that lives beside the repository:
 * the system property {@code windlass.shared} (which the build sets), else {@code ../shared}
 * or {@code ../../shared} from the working directory.
 *
 * <p>Without it, tests that need it are skipped, except on CI ({@code CI=true}), where a
 * missing folder must not pass silently.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** {@return the shared folder; skips the calling test if there is none (fails it on CI)} */
    public static Path root() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("windlass.shared");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        candidates.add(Path.of("..", "shared"));
        candidates.add(Path.of("..", "..", "shared"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        String message = "shared test data not found (tried " + candidates
                + "); set -Dwindlass.shared=/path/to/shared";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " -- required on CI");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
