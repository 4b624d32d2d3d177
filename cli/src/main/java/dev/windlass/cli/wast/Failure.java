package dev.windlass.cli.wast;

/**
 * A command whose outcome was not the expected one.
 *
 * @param line     the line of the command in the {@code .wast} source
 * @param command  the command type and its module file, e.g. {@code "assert_invalid binary.12.wasm"}
 * @param expected what the script expects
 * @param got      what happened
 */
public record Failure(int line, String command, String expected, String got) {

    @Override
    public String toString() {
        return "line " + line + ": " + command + "\n    expected: " + expected + "\n    got:      " + got;
    }
}
