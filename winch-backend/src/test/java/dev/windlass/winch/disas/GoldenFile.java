package dev.windlass.winch.disas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * An expected output kept in the source tree: compared with what the code produces now, or,
 * when blessing, rewritten with it.
 */
final class GoldenFile {

    /** The property that turns comparing into rewriting. */
    static final String BLESS_PROPERTY = "windlass.disas.bless";

    /** The command that rewrites every expected listing, for messages and the README. */
    static final String BLESS_COMMAND =
            "./mvnw -pl winch-backend test -Dtest=GoldenDisassemblyTest -D" + BLESS_PROPERTY + "=true";

    private GoldenFile() {
    }

    /** {@return whether this run rewrites expected files instead of comparing} */
    static boolean blessing() {
        return Boolean.getBoolean(BLESS_PROPERTY);
    }

    /**
     * Compares {@code actual} with the content of {@code expected}, or writes it there when
     * blessing (only if it changed, so the file's timestamp says when the code last did).
     *
     * @param shownAs the file's name in messages, relative to the source tree
     * @throws AssertionFailedError with a unified diff if they differ and this run does not bless
     */
    static void check(Path expected, String shownAs, String actual) throws IOException {
        String previous = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8).replace("\r\n", "\n") : null;
        if (actual.equals(previous)) {
            return;
        }
        if (blessing()) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        if (previous == null) {
            throw new AssertionFailedError(shownAs + " does not exist; create it with\n  " + BLESS_COMMAND);
        }
        throw new AssertionFailedError(shownAs + " differs from the code generated now (- expected, + actual):\n"
                + UnifiedDiff.of("a/" + shownAs, previous, "b/" + shownAs, actual)
                + "If the change is intended, rewrite the expected files with\n  " + BLESS_COMMAND,
                previous, actual);
    }
}
