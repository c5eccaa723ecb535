package io.lotse.engine.text;

/**
 * A light German stemmer after CISTEM (Weissweiler and Fraser, "Developing a Stemmer for German Based on a
 * Comparative Analysis of Publicly Available Stemmers", GSCL 2017), case-insensitive variant: it folds umlauts
 * and ß, drops a leading {@code ge} from longer words and then strips the endings {@code em}, {@code er},
 * {@code nd} (from words longer than five letters), {@code t}, {@code e}, {@code s} and {@code n} one at a time
 * while more than three letters remain, so that "Bestellungen", "bestellt" and "bestellen" meet their relatives
 * ("bestellung", "bestell"). {@code sch}, {@code ei}, {@code ie} and doubled letters are kept whole while
 * stripping. Stems are not words; they only have to agree between inflections.
 *
 * <p>English words are cut by the same rules ("answers" to "answ", "items" to "item"); that does no harm to
 * features that only compare texts with each other, since a word always gets the same stem.
 */
final class GermanStemmer {

    // placeholders for letter groups that must not be cut apart while endings are stripped
    private static final char SCH = '\u0001';
    private static final char EI = '\u0002';
    private static final char IE = '\u0003';
    private static final char DOUBLE = '\u0004';

    private GermanStemmer() {}

    /**
     * The stem of one lower-case word ({@link Tokenizer#words}); a word without letters, e.g. a number, is
     * returned unchanged.
     */
    static String stem(String word) {
        boolean letters = false;
        for (int i = 0; i < word.length() && !letters; i++) {
            letters = Character.isLetter(word.charAt(i));
        }
        if (!letters) {
            return word;
        }
        StringBuilder w = new StringBuilder(foldUmlauts(word));
        if (w.length() >= 6 && w.charAt(0) == 'g' && w.charAt(1) == 'e') {
            w.delete(0, 2);
        }
        protect(w);
        while (w.length() > 3) {
            int n = w.length();
            char last = w.charAt(n - 1);
            char before = w.charAt(n - 2);
            if (n > 5 && (before == 'e' && (last == 'm' || last == 'r') || before == 'n' && last == 'd')) {
                w.setLength(n - 2);
            } else if (last == 't' || last == 'e' || last == 's' || last == 'n') {
                w.setLength(n - 1);
            } else {
                break;
            }
        }
        return restore(w);
    }

    /** The word with ä, ö, ü folded to a, o, u and ß to ss. */
    static String foldUmlauts(String word) {
        StringBuilder out = new StringBuilder(word.length() + 2);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case 'ä' -> out.append('a');
                case 'ö' -> out.append('o');
                case 'ü' -> out.append('u');
                case 'ß' -> out.append("ss");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Replaces sch, ei, ie and the second of two equal letters by placeholders, left to right. */
    private static void protect(StringBuilder w) {
        StringBuilder out = new StringBuilder(w.length());
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == 's' && i + 2 < w.length() && w.charAt(i + 1) == 'c' && w.charAt(i + 2) == 'h') {
                out.append(SCH);
                i += 3;
            } else if (c == 'e' && i + 1 < w.length() && w.charAt(i + 1) == 'i') {
                out.append(EI);
                i += 2;
            } else if (c == 'i' && i + 1 < w.length() && w.charAt(i + 1) == 'e') {
                out.append(IE);
                i += 2;
            } else if (out.length() > 0 && out.charAt(out.length() - 1) == c) {
                out.append(DOUBLE);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        w.setLength(0);
        w.append(out);
    }

    private static String restore(StringBuilder w) {
        StringBuilder out = new StringBuilder(w.length() + 4);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            switch (c) {
                case SCH -> out.append("sch");
                case EI -> out.append("ei");
                case IE -> out.append("ie");
                case DOUBLE -> out.append(out.charAt(out.length() - 1));
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
