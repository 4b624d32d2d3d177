package dev.windlass.winch.disas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One golden case: {@code <family>/<name>.wat} and, beside it, its expected listing
 * {@code <name>.disas}.
 *
 * @param wat  the text module
 * @param name its path relative to the cases' root, with '/' separators (as shown in messages)
 */
record GoldenCase(Path wat, String name) {

    static final String SOURCE_SUFFIX = ".wat";
    static final String EXPECTED_SUFFIX = ".disas";

    static GoldenCase in(Path root, Path wat) {
        return new GoldenCase(wat, root.relativize(wat).toString().replace('\\', '/'));
    }

    /** {@return the expected listing's path} */
    Path expected() {
        return siblingWithSuffix(wat, SOURCE_SUFFIX, EXPECTED_SUFFIX);
    }

    /** {@return the expected listing's name relative to the cases' root} */
    String expectedName() {
        return name.substring(0, name.length() - SOURCE_SUFFIX.length()) + EXPECTED_SUFFIX;
    }

    /** {@return the options its header states} */
    CaseOptions options() throws IOException {
        return CaseOptions.fromHeader(Files.readAllLines(wat, StandardCharsets.UTF_8));
    }

    /** {@return {@code file} with its name's {@code from} suffix replaced by {@code to}} */
    static Path siblingWithSuffix(Path file, String from, String to) {
        String fileName = file.getFileName().toString();
        return file.resolveSibling(fileName.substring(0, fileName.length() - from.length()) + to);
    }
}
