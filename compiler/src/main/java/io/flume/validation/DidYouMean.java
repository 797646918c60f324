package io.flume.validation;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name closest to a misspelt one, by optimal string alignment distance
 * (Levenshtein distance that also counts swapping two neighbouring letters as one edit), ignoring
 * case.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * Returns the candidate closest to {@code input}, if one is close enough to be a likely typo:
     * at most one edit for every three characters of the input (at least one edit), and fewer
     * edits than the input has characters. Ties go to the first candidate in iteration order.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String lowerInput = input.toLowerCase(Locale.ROOT);
        int allowed = Math.min(Math.max(1, lowerInput.length() / 3), lowerInput.length() - 1);

        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                continue;
            }
            int distance = distance(lowerInput, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns {@code " (did you mean 'NAME'?)"} for the closest candidate, or "" when none is close. */
    public static String suffix(String input, Collection<String> candidates) {
        return closest(input, candidates).map(name -> " (did you mean '" + name + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                boolean swapped = i > 1 && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1);
                if (swapped) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
