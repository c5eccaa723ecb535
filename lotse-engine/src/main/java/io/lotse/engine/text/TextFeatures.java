package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Language-independent surface features of a text: hashed character n-grams (across word boundaries, so they
 * also see short word pairs, or within each word) and hashed word uni- and bigrams (of the words or their
 * stems), each block weighted by sublinear term frequency times inverse document frequency and scaled to unit
 * length. Hashing needs no vocabulary, so unseen words and
 * typos still share most of their character n-grams with known ones.
 *
 * <p>Instances are immutable and thread-safe once fitted.
 */
public final class TextFeatures {

    /**
     * How text becomes features.
     *
     * @param hashBits     the feature space has {@code 2^hashBits} dimensions (10 to 24)
     * @param minCharGram  shortest character n-gram (1 or more)
     * @param maxCharGram  longest character n-gram
     * @param maxWordGram  longest word n-gram (1 or 2; 0 disables word features)
     * @param charWeight   length of the character block in the final vector
     * @param wordWeight   length of the word block in the final vector
     * @param charGramsAcrossWords whether character n-grams run over the words joined by spaces (and so see
     *                     short word pairs) or stay within each word padded by spaces
     * @param stemWords    whether the word block counts the {@link GermanStemmer stems} of the words (umlauts
     *                     folded) instead of the words, so that inflections of a word count as one
     * @param foldVariants whether both blocks read ä, ö, ü as a, o, u, ß as ss and every digit as 0, so that a
     *                     missing umlaut and another order number or date change nothing
     * @param maskQuotes   whether a span in quotation marks (a product name, mostly) counts as one placeholder
     *                     word instead of its words
     * @param splitCompounds whether the word block also counts the two parts of a long word made of two words
     *                     of the training texts ("rechnungskopie": "rechnung" and "kopie")
     */
    public record Settings(int hashBits, int minCharGram, int maxCharGram, int maxWordGram, double charWeight,
            double wordWeight, boolean charGramsAcrossWords, boolean stemWords, boolean foldVariants,
            boolean maskQuotes, boolean splitCompounds) {

        public Settings {
            if (hashBits < 10 || hashBits > 24) {
                throw new IllegalArgumentException("hashBits must be 10 to 24, was " + hashBits);
            }
            if (minCharGram < 1 || maxCharGram < minCharGram) {
                throw new IllegalArgumentException("character n-gram range " + minCharGram + ".." + maxCharGram
                        + " is empty");
            }
            if (maxWordGram < 0 || maxWordGram > 2) {
                throw new IllegalArgumentException("maxWordGram must be 0, 1 or 2, was " + maxWordGram);
            }
            if (charWeight < 0 || wordWeight < 0) {
                throw new IllegalArgumentException("block weights must not be negative");
            }
        }

        /**
         * 2^18 dimensions, character 3- to 5-grams within words, word uni- and bigrams of stems, both blocks of
         * equal weight, umlauts and digits folded, quoted spans masked.
         */
        public static Settings defaults() {
            return new Settings(18, 3, 5, 2, 1.0, 1.0, false, true, true, true, false);
        }

        int dimension() {
            return 1 << hashBits;
        }
    }

    private static final int CHAR_SEED = 0x9747b28c;
    /** Up to 80 characters between German, English or straight quotation marks, on one line. */
    private static final Pattern QUOTED = Pattern.compile("[„“”\"»«][^„“”\"»«\n]{1,80}[“”\"«»]");
    /** One word no message contains: letters and digits, as the tokenizer keeps them. */
    private static final String QUOTE_PLACEHOLDER = "q0quote0q";
    private static final Pattern DIGITS = Pattern.compile("\\p{Nd}");
    private static final int WORD_SEED = 0x5bd1e995;

    /** Shortest part of a compound, so that endings and short words do not count as parts. */
    private static final int MIN_PART = 4;

    private final Settings settings;
    private final Set<String> vocabulary;
    private final float[] idf;

    private TextFeatures(Settings settings, Set<String> vocabulary, float[] idf) {
        this.settings = settings;
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    /** Learns the inverse document frequencies from the training texts. */
    public static TextFeatures fit(List<String> texts, Settings settings) {
        int dimension = settings.dimension();
        Set<String> vocabulary = new HashSet<>();
        if (settings.splitCompounds()) {
            for (String text : texts) {
                for (String token : tokens(text, settings)) {
                    if (token.length() >= MIN_PART) {
                        vocabulary.add(token);
                    }
                }
            }
        }
        int[] documentFrequency = new int[dimension];
        for (String text : texts) {
            int[] hashes = distinct(rawHashes(text, settings, vocabulary));
            for (int h : hashes) {
                documentFrequency[h]++;
            }
        }
        float[] idf = new float[dimension];
        double n = texts.size();
        for (int i = 0; i < dimension; i++) {
            idf[i] = (float) (Math.log((1 + n) / (1 + documentFrequency[i])) + 1);
        }
        return new TextFeatures(settings, Set.copyOf(vocabulary), idf);
    }

    /** The settings these features were fitted with. */
    public Settings settings() {
        return settings;
    }

    /** Number of dimensions of the vectors. */
    public int dimension() {
        return idf.length;
    }

    /** The feature vector of a text; an empty text gives an empty vector. */
    public SparseVector transform(String text) {
        IntBuffer chars = new IntBuffer();
        IntBuffer words = new IntBuffer();
        hashes(text, settings, vocabulary, chars, words);
        SparseVector charBlock = weighted(chars.sorted(), settings.charWeight());
        SparseVector wordBlock = weighted(words.sorted(), settings.wordWeight());
        return merge(charBlock, wordBlock);
    }

    /** The words of a text as the features read them (quotes masked, variants folded as set). */
    private static List<String> tokens(String text, Settings settings) {
        List<String> tokens = Tokenizer.words(settings.maskQuotes() ? QUOTED.matcher(text).replaceAll(
                " " + QUOTE_PLACEHOLDER + " ") : text);
        if (!settings.foldVariants()) {
            return tokens;
        }
        List<String> folded = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            folded.add(DIGITS.matcher(GermanStemmer.foldUmlauts(token)).replaceAll("0"));
        }
        return folded;
    }

    /**
     * The two parts of a word that joins two known words, directly or with a linking s ("rechnungs|kopie"),
     * preferring the longest first part; empty when there are none.
     */
    static List<String> compoundParts(String word, Set<String> vocabulary) {
        for (int cut = word.length() - MIN_PART; cut >= MIN_PART; cut--) {
            String head = word.substring(0, cut);
            String tail = word.substring(cut);
            if (!vocabulary.contains(tail)) {
                continue;
            }
            if (vocabulary.contains(head)) {
                return List.of(head, tail);
            }
            if (head.endsWith("s") && head.length() > MIN_PART && vocabulary.contains(head.substring(0,
                    head.length() - 1))) {
                return List.of(head.substring(0, head.length() - 1), tail);
            }
        }
        return List.of();
    }

    /** The hashed character and word n-grams of a text, in the order they occur. */
    private static void hashes(String text, Settings settings, Set<String> vocabulary, IntBuffer chars,
            IntBuffer words) {
        List<String> tokens = tokens(text, settings);
        if (settings.charGramsAcrossWords()) {
            charHashes(joined(tokens), settings, chars);
        } else {
            for (String token : tokens) {
                charHashes(" " + token + " ", settings, chars);
            }
        }
        if (settings.stemWords()) {
            List<String> stems = new ArrayList<>(tokens.size());
            for (String token : tokens) {
                stems.add(GermanStemmer.stem(token));
            }
            wordHashes(joined(stems), settings, words);
        } else {
            wordHashes(joined(tokens), settings, words);
        }
        if (!vocabulary.isEmpty()) {
            for (String token : tokens) {
                for (String part : compoundParts(token, vocabulary)) {
                    // a part counts as a word of its own, without neighbours
                    wordHashes(" " + (settings.stemWords() ? GermanStemmer.stem(part) : part) + " ", settings,
                            words);
                }
            }
        }
    }

    private SparseVector weighted(int[] sortedHashes, double blockWeight) {
        int distinct = 0;
        for (int i = 0; i < sortedHashes.length; i++) {
            if (i == 0 || sortedHashes[i] != sortedHashes[i - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[distinct];
        float[] values = new float[distinct];
        int k = -1;
        int run = 0;
        for (int i = 0; i < sortedHashes.length; i++) {
            if (i == 0 || sortedHashes[i] != sortedHashes[i - 1]) {
                if (k >= 0) {
                    values[k] = (float) ((1 + Math.log(run)) * idf[indices[k]]);
                }
                k++;
                indices[k] = sortedHashes[i];
                run = 0;
            }
            run++;
        }
        if (k >= 0) {
            values[k] = (float) ((1 + Math.log(run)) * idf[indices[k]]);
        }
        double norm = 0;
        for (float v : values) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (blockWeight / Math.sqrt(norm));
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale;
            }
        }
        return new SparseVector(indices, values);
    }

    private static SparseVector merge(SparseVector a, SparseVector b) {
        int[] indices = new int[a.size() + b.size()];
        float[] values = new float[indices.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || i < a.size() && a.indices()[i] < b.indices()[j]) {
                indices[k] = a.indices()[i];
                values[k++] = a.values()[i++];
            } else if (i >= a.size() || b.indices()[j] < a.indices()[i]) {
                indices[k] = b.indices()[j];
                values[k++] = b.values()[j++];
            } else {
                indices[k] = a.indices()[i];
                values[k++] = a.values()[i++] + b.values()[j++];
            }
        }
        return new SparseVector(Arrays.copyOf(indices, k), Arrays.copyOf(values, k));
    }

    private static int[] rawHashes(String text, Settings settings, Set<String> vocabulary) {
        IntBuffer buffer = new IntBuffer();
        hashes(text, settings, vocabulary, buffer, buffer);
        return buffer.sorted();
    }

    /** The distinct values of a sorted array, in order (the array is reused as scratch). */
    static int[] distinct(int[] sorted) {
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }

    /** The words separated by single spaces, with a space before and after. */
    private static String joined(List<String> words) {
        StringBuilder joined = new StringBuilder().append(' ');
        for (String word : words) {
            joined.append(word).append(' ');
        }
        return joined.toString();
    }

    private static void charHashes(String normal, Settings settings, IntBuffer out) {
        if (settings.charWeight() == 0 || normal.length() <= 1) {
            return;
        }
        int mask = settings.dimension() - 1;
        for (int n = settings.minCharGram(); n <= settings.maxCharGram(); n++) {
            for (int start = 0; start + n <= normal.length(); start++) {
                int h = CHAR_SEED ^ n;
                for (int i = start; i < start + n; i++) {
                    h = (h ^ normal.charAt(i)) * 0x01000193;
                }
                out.add(mix(h) & mask);
            }
        }
    }

    private static void wordHashes(String normal, Settings settings, IntBuffer out) {
        if (settings.wordWeight() == 0 || settings.maxWordGram() == 0) {
            return;
        }
        int mask = settings.dimension() - 1;
        int previous = 0;
        boolean hasPrevious = false;
        int start = 1;
        while (start < normal.length()) {
            int end = normal.indexOf(' ', start);
            int h = WORD_SEED;
            for (int i = start; i < end; i++) {
                h = (h ^ normal.charAt(i)) * 0x01000193;
            }
            out.add(mix(h) & mask);
            if (settings.maxWordGram() == 2 && hasPrevious) {
                out.add(mix(previous * 31 + h + 0x2545f491) & mask);
            }
            previous = h;
            hasPrevious = true;
            start = end + 1;
        }
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** A growable array of ints. */
    private static final class IntBuffer {
        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sorted() {
            int[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
