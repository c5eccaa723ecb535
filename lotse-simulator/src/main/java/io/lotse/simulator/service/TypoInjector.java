package io.lotse.simulator.service;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Makes text look typed in a hurry: per word, with a given probability, one of swapped, dropped, doubled or
 * neighbouring-key letters (QWERTZ for German, QWERTY for English), or an umlaut written without its dots.
 * Words containing digits or an {@code @} (order numbers, email addresses) are never touched, so references
 * stay resolvable. Casual writers may also drop capitals and the final full stop; those are not counted.
 */
public final class TypoInjector {

    private static final String[] QWERTZ = {"1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm"};
    private static final String[] QWERTY = {"1234567890-", "qwertyuiop[", "asdfghjkl;'", "zxcvbnm,./"};

    private TypoInjector() {}

    /**
     * The text with typos.
     *
     * @param text   typos counted in {@code typos}
     * @param typos  number of words changed
     */
    public record Result(String text, int typos) {
    }

    /**
     * Injects typos.
     *
     * @param rate   probability of a typo per eligible word
     * @param casual whether the writer may also drop capitals and the final full stop
     */
    public static Result inject(String text, String language, double rate, boolean casual, RandomGenerator random) {
        String[] rows = "de".equals(language) ? QWERTZ : QWERTY;
        StringBuilder out = new StringBuilder(text.length() + 8);
        int typos = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String token = text.substring(i, end);
            i = end;
            if (uniform(random) >= rate || !eligible(token)) {
                out.append(token);
                continue;
            }
            int lettersEnd = token.length();
            while (lettersEnd > 0 && !Character.isLetter(token.charAt(lettersEnd - 1))) {
                lettersEnd--;
            }
            String word = token.substring(0, lettersEnd);
            String changed = typo(word, rows, random);
            if (!changed.equals(word)) {
                typos++;
            }
            out.append(changed).append(token, lettersEnd, token.length());
        }
        String result = out.toString();
        if (casual) {
            if (uniform(random) < 0.35) {
                result = result.toLowerCase(Locale.ROOT);
            }
            if (uniform(random) < 0.5 && result.endsWith(".")) {
                result = result.substring(0, result.length() - 1);
            }
        }
        return new Result(result, typos);
    }

    private static boolean eligible(String token) {
        if (token.indexOf('@') >= 0) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c) || c == '$' || c == '{') {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters >= 3 && Character.isLetter(token.charAt(0));
    }

    private static String typo(String word, String[] rows, RandomGenerator random) {
        if (word.length() < 3) {
            return word;
        }
        int umlaut = firstUmlaut(word);
        if (umlaut >= 0 && uniform(random) < 0.5) {
            char plain = switch (word.charAt(umlaut)) {
                case 'ä' -> 'a';
                case 'ö' -> 'o';
                case 'ü' -> 'u';
                case 'Ä' -> 'A';
                case 'Ö' -> 'O';
                default -> 'U';
            };
            return word.substring(0, umlaut) + plain + word.substring(umlaut + 1);
        }
        int position = 1 + (int) (uniform(random) * (word.length() - 1));
        switch ((int) (uniform(random) * 4)) {
            case 0 -> {
                if (position == word.length() - 1) {
                    position--;
                }
                return word.substring(0, position) + word.charAt(position + 1) + word.charAt(position)
                        + word.substring(position + 2);
            }
            case 1 -> {
                return word.substring(0, position) + word.substring(position + 1);
            }
            case 2 -> {
                return word.substring(0, position + 1) + word.charAt(position) + word.substring(position + 1);
            }
            default -> {
                char neighbour = neighbour(word.charAt(position), rows, random);
                return word.substring(0, position) + neighbour + word.substring(position + 1);
            }
        }
    }

    private static int firstUmlaut(String word) {
        for (int i = 0; i < word.length(); i++) {
            if ("äöüÄÖÜ".indexOf(word.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static char neighbour(char c, String[] rows, RandomGenerator random) {
        char lower = Character.toLowerCase(c);
        for (int r = 1; r < rows.length; r++) {
            int column = rows[r].indexOf(lower);
            if (column < 0) {
                continue;
            }
            StringBuilder candidates = new StringBuilder();
            if (column > 0) {
                candidates.append(rows[r].charAt(column - 1));
            }
            if (column + 1 < rows[r].length()) {
                candidates.append(rows[r].charAt(column + 1));
            }
            if (r > 1 && column < rows[r - 1].length()) {
                candidates.append(rows[r - 1].charAt(column));
            }
            if (r + 1 < rows.length && column < rows[r + 1].length()) {
                candidates.append(rows[r + 1].charAt(column));
            }
            StringBuilder letters = new StringBuilder();
            for (int i = 0; i < candidates.length(); i++) {
                if (Character.isLetter(candidates.charAt(i))) {
                    letters.append(candidates.charAt(i));
                }
            }
            if (letters.length() == 0) {
                return c;
            }
            char chosen = letters.charAt((int) (uniform(random) * letters.length()));
            return Character.isUpperCase(c) ? Character.toUpperCase(chosen) : chosen;
        }
        return c;
    }

    private static double uniform(RandomGenerator random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }
}
