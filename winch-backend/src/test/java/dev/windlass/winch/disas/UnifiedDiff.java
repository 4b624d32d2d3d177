package dev.windlass.winch.disas;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (longest common subsequence), with three lines of
 * context around each change, as {@code diff -u} prints it.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** One line of the edit script: ' ' kept, '-' only in the old text, '+' only in the new. */
    private record Edit(char kind, String line, int oldLine, int newLine) {
    }

    /** {@return the diff from {@code oldText} to {@code newText}}, empty when they are equal */
    static String of(String oldName, String oldText, String newName, String newText) {
        List<Edit> edits = edits(oldText.lines().toArray(String[]::new), newText.lines().toArray(String[]::new));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = hunkEnd(edits, i);
            if (out.isEmpty()) {
                out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
            }
            appendHunk(out, edits.subList(from, to));
            i = to;
        }
        return out.toString();
    }

    /** The end of the hunk holding the change at {@code start}: changes closer than twice the context merge. */
    private static int hunkEnd(List<Edit> edits, int start) {
        int lastChange = start;
        for (int j = start; j < edits.size() && j <= lastChange + 2 * CONTEXT; j++) {
            if (edits.get(j).kind() != ' ') {
                lastChange = j;
            }
        }
        return Math.min(edits.size(), lastChange + CONTEXT + 1);
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit edit : hunk) {
            if (edit.kind() != '+') {
                oldCount++;
                oldStart = oldStart < 0 ? edit.oldLine() : oldStart;
            }
            if (edit.kind() != '-') {
                newCount++;
                newStart = newStart < 0 ? edit.newLine() : newStart;
            }
        }
        out.append("@@ -%d,%d +%d,%d @@%n".formatted(Math.max(oldStart, 0), oldCount, Math.max(newStart, 0), newCount));
        for (Edit edit : hunk) {
            out.append(edit.kind()).append(edit.line()).append('\n');
        }
    }

    /**
     * The edit script: the common prefix and suffix kept as they are, and between them a walk
     * along a longest common subsequence (quadratic, so only over the changed middle).
     */
    private static List<Edit> edits(String[] a, String[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        int aEnd = a.length - suffix;
        int bEnd = b.length - suffix;
        // common[i][j]: the longest common subsequence of a[prefix + i, aEnd) and b[prefix + j, bEnd)
        int[][] common = new int[aEnd - prefix + 1][bEnd - prefix + 1];
        for (int i = aEnd - prefix - 1; i >= 0; i--) {
            for (int j = bEnd - prefix - 1; j >= 0; j--) {
                common[i][j] = a[prefix + i].equals(b[prefix + j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(' ', a[k], k + 1, k + 1));
        }
        int i = prefix;
        int j = prefix;
        while (i < aEnd || j < bEnd) {
            if (i < aEnd && j < bEnd && a[i].equals(b[j])) {
                edits.add(new Edit(' ', a[i], ++i, ++j));
            } else if (i < aEnd && (j == bEnd || common[i - prefix + 1][j - prefix] >= common[i - prefix][j - prefix + 1])) {
                edits.add(new Edit('-', a[i], ++i, j));
            } else {
                edits.add(new Edit('+', b[j], i, ++j));
            }
        }
        for (int k = 0; k < suffix; k++) {
            edits.add(new Edit(' ', a[aEnd + k], aEnd + k + 1, bEnd + k + 1));
        }
        return edits;
    }
}
