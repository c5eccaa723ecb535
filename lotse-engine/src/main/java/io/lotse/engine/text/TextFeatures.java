package io.lotse.engine.text;

import java.util.Arrays;
import java.util.List;

/**
 * Language-independent surface features of a text: hashed character n-grams (across word boundaries, so they
 * also see short word pairs) and hashed word uni- and bigrams, each block weighted by sublinear term frequency
 * times inverse document frequency and scaled to unit length. Hashing needs no vocabulary, so unseen words and
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
     */
    public record Settings(int hashBits, int minCharGram, int maxCharGram, int maxWordGram, double charWeight,
            double wordWeight) {

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

        /** 2^18 dimensions, character 3- to 5-grams, word uni- and bigrams, both blocks of equal weight. */
        public static Settings defaults() {
            return new Settings(18, 3, 5, 2, 1.0, 1.0);
        }

        int dimension() {
            return 1 << hashBits;
        }
    }

    private static final int CHAR_SEED = 0x9747b28c;
    private static final int WORD_SEED = 0x5bd1e995;

    private final Settings settings;
    private final float[] idf;

    private TextFeatures(Settings settings, float[] idf) {
        this.settings = settings;
        this.idf = idf;
    }

    /** Learns the inverse document frequencies from the training texts. */
    public static TextFeatures fit(List<String> texts, Settings settings) {
        int dimension = settings.dimension();
        int[] documentFrequency = new int[dimension];
        for (String text : texts) {
            int[] hashes = distinct(rawHashes(text, settings));
            for (int h : hashes) {
                documentFrequency[h]++;
            }
        }
        float[] idf = new float[dimension];
        double n = texts.size();
        for (int i = 0; i < dimension; i++) {
            idf[i] = (float) (Math.log((1 + n) / (1 + documentFrequency[i])) + 1);
        }
        return new TextFeatures(settings, idf);
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
        String normal = joinedWords(text);
        IntBuffer chars = new IntBuffer();
        charHashes(normal, settings, chars);
        IntBuffer words = new IntBuffer();
        wordHashes(normal, settings, words);
        SparseVector charBlock = weighted(chars.sorted(), settings.charWeight());
        SparseVector wordBlock = weighted(words.sorted(), settings.wordWeight());
        return merge(charBlock, wordBlock);
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

    private static int[] rawHashes(String text, Settings settings) {
        String normal = joinedWords(text);
        IntBuffer buffer = new IntBuffer();
        charHashes(normal, settings, buffer);
        wordHashes(normal, settings, buffer);
        return buffer.sorted();
    }

    private static int[] distinct(int[] sorted) {
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }

    /** The words of the text separated by single spaces, with a space before and after. */
    private static String joinedWords(String text) {
        List<String> words = Tokenizer.words(text);
        StringBuilder joined = new StringBuilder(text.length() + 2).append(' ');
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
