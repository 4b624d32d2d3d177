package dev.windlass.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared test data ({@code ../shared} beside the repository, or the folder named by
 * the system property {@code windlass.shared}). When it is absent, a test is skipped with a
 * message, except under {@code CI=true}, where the absence is a failure.
 */
public final class SharedTestData {

    private SharedTestData() {}

    /** {@return the shared folder}, or skips (fails under CI) the calling test if it is absent */
    public static Path require(String relative) {
        String configured = System.getProperty("windlass.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared");
        Path path = root.resolve(relative).normalize();
        if (!Files.isDirectory(path)) {
            String message = "shared test data not found at " + path.toAbsolutePath()
                    + " (put the shared folder beside the repository or pass -Dwindlass.shared=DIR)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return path;
    }
}
