package dev.windlass.winch.disas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    private static final String LINES = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";

    @Test
    void equalTextsHaveAnEmptyDiff() {
        assertThat(UnifiedDiff.of("x", LINES, "y", LINES)).isEmpty();
    }

    @Test
    void aChangedLineShowsTheOldThenTheNewWithThreeLinesOfContext() {
        assertThat(UnifiedDiff.of("old", LINES, "new", LINES.replace("e\n", "E\n"))).isEqualTo("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void distantChangesAreSeparateHunksAndInsertionsCountOnlyOnTheNewSide() {
        String changed = "a\nnew\nb\nc\nd\ne\nf\ng\nh\ni\n";
        assertThat(UnifiedDiff.of("old", LINES, "new", changed)).isEqualTo("""
                --- old
                +++ new
                @@ -1,4 +1,5 @@
                 a
                +new
                 b
                 c
                 d
                @@ -7,4 +8,3 @@
                 g
                 h
                 i
                -j
                """);
    }
}
