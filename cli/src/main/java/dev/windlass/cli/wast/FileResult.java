package dev.windlass.cli.wast;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What running one script gave.
 *
 * @param script               the script file
 * @param passed               commands whose outcome was the expected one
 * @param failures             commands whose outcome was not
 * @param skippedByReason      commands not run, counted by the reason they could not be
 * @param reasonTextMismatches passed assertions whose error message differs from the spec's text
 *                             (informational: only the phase of the error has to match)
 */
public record FileResult(Path script, int passed, List<Failure> failures, Map<String, Integer> skippedByReason,
                         int reasonTextMismatches) {

    public FileResult {
        failures = List.copyOf(failures);
        skippedByReason = Map.copyOf(skippedByReason);
    }

    public int failed() {
        return failures.size();
    }

    public int skipped() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
}
