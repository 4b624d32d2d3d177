package dev.windlass.winch.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A program some tests run (objdump, wat2wasm): found on the PATH, or the test is skipped, except
 * under {@code CI=true}, where a missing tool fails it, so that CI cannot pass by skipping.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /**
     * {@return the path of executable {@code name} on the PATH}, or skips the calling test (fails
     * it when CI=true) if there is none
     *
     * @param packageName what to install to get it, for the message (e.g. "GNU binutils")
     * @param neededFor   what the test checks with it, for the message
     */
    public static Path locate(String name, String packageName, String neededFor) {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
        String missing = name + " (" + packageName + ") is not on PATH";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail(missing + ", and CI=true requires " + neededFor);
        }
        assumeTrue(found.isPresent(), missing + ": skipping " + neededFor);
        return found.get();
    }
}
