package io.lotse.engine.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into lower-case word tokens: runs of letters and digits, umlauts and ß kept. */
public final class Tokenizer {

    private Tokenizer() {}

    /** The text in Unicode NFC, lower-cased without regard to the default locale. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The word tokens of the text, in order; a token joins letters and digits, and keeps inner hyphens. */
    public static List<String> words(String text) {
        String normal = normalise(text);
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = normal.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(normal.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(normal.charAt(i))
                    || normal.charAt(i) == '-' && i + 1 < n && Character.isLetterOrDigit(normal.charAt(i + 1))
                    || normal.charAt(i) == '\'' && i + 1 < n && Character.isLetter(normal.charAt(i + 1)))) {
                i++;
            }
            if (i > start) {
                words.add(normal.substring(start, i));
            }
        }
        return words;
    }
}
