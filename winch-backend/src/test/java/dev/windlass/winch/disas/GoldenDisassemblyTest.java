package dev.windlass.winch.disas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.testing.Objdump;
import dev.windlass.winch.testing.Wat2Wasm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden disassembly, after Winch's {@code tests/disas/winch/x64}: every
 * {@code src/test/resources/disas/x64/<family>/<case>.wat} is compiled by wat2wasm and
 * {@link dev.windlass.winch.compile.ModuleCompiler} (options from the file's {@code ;; options:}
 * line, see {@link CaseOptions}), disassembled by objdump, and compared with the
 * {@code <case>.disas} beside it. A difference fails with a unified diff; if it is intended,
 * {@value GoldenFile#BLESS_COMMAND} rewrites the expected files (and deletes those whose
 * {@code .wat} is gone), so that every change to the generated code is a reviewable diff.
 *
 * <p>Skipped without wat2wasm or objdump on the PATH, except under {@code CI=true}.
 */
class GoldenDisassemblyTest {

    /** In the source tree, not the copy among the test classes: blessing writes here. */
    private static final Path ROOT = casesRoot();

    @TestFactory
    Stream<DynamicTest> everyCaseCompilesToItsExpectedListing() throws IOException {
        return cases().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), golden.wat().toUri(), () -> {
            Wat2Wasm wat2wasm = Wat2Wasm.locate();
            ModuleListing listing = new ModuleListing(Objdump.locate());
            String actual = listing.list(golden.name(), wat2wasm.compile(golden.wat()), golden.options());
            GoldenFile.check(golden.expected(), golden.expectedName(), actual);
        }));
    }

    @Test
    void everyExpectedListingHasItsSource() throws IOException {
        List<String> orphans = new ArrayList<>();
        for (Path expected : files(GoldenCase.EXPECTED_SUFFIX)) {
            if (!Files.exists(GoldenCase.siblingWithSuffix(expected, GoldenCase.EXPECTED_SUFFIX, GoldenCase.SOURCE_SUFFIX))) {
                if (GoldenFile.blessing()) {
                    Files.delete(expected);
                } else {
                    orphans.add(ROOT.relativize(expected).toString());
                }
            }
        }
        assertThat(orphans).as("expected listings without a .wat (bless deletes them: %s)", GoldenFile.BLESS_COMMAND)
                .isEmpty();
    }

    /** Maven sets {@code basedir} to the module; an IDE may run from the module or the repository. */
    private static Path casesRoot() {
        Path relative = Path.of("src", "test", "resources", "disas", "x64");
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            return Path.of(basedir).resolve(relative);
        }
        Path workingDirectory = Path.of(System.getProperty("user.dir"));
        Path inModule = workingDirectory.resolve(relative);
        return Files.isDirectory(inModule) ? inModule : workingDirectory.resolve("winch-backend").resolve(relative);
    }

    private static List<GoldenCase> cases() throws IOException {
        List<GoldenCase> cases = files(GoldenCase.SOURCE_SUFFIX).stream().map(wat -> GoldenCase.in(ROOT, wat)).toList();
        assertThat(cases).as("golden cases under %s", ROOT).isNotEmpty();
        return cases;
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
