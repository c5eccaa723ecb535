package io.lotse.engine.recommend;

import java.util.Arrays;

/**
 * For each item its most similar items with their similarity, best first: a sparse item × item matrix that
 * keeps only the strongest entries of each row.
 */
final class Neighbours {

    private final int[] start;
    private final int[] neighbour;
    private final float[] similarity;

    private Neighbours(int[] start, int[] neighbour, float[] similarity) {
        this.start = start;
        this.neighbour = neighbour;
        this.similarity = similarity;
    }

    /** Similarity of one item to another, given the two items and how often they occur together. */
    interface Similarity {
        double of(int item, int other, double together);
    }

    /**
     * Counts how often two items occur in the same row of a matrix (same person, same basket) and keeps for each
     * item the {@code keep} others with the highest similarity above 0 and at least {@code minTogether}
     * co-occurrences.
     */
    static Neighbours cooccurrence(Interactions rows, int keep, int minTogether, Similarity similarity) {
        int items = rows.items();
        int[] start = new int[items + 1];
        int[][] kept = new int[items][];
        float[][] keptSimilarity = new float[items][];
        double[] together = new double[items];
        int[] touched = new int[items];
        double[] scores = new double[items];
        for (int item = 0; item < items; item++) {
            int touchedCount = 0;
            for (int k = rows.columnStart(item); k < rows.columnEnd(item); k++) {
                int row = rows.columnPerson(k);
                for (int j = rows.rowStart(row); j < rows.rowEnd(row); j++) {
                    int other = rows.rowItem(j);
                    if (other != item) {
                        if (together[other] == 0) {
                            touched[touchedCount++] = other;
                        }
                        together[other]++;
                    }
                }
            }
            Arrays.sort(touched, 0, touchedCount);
            int candidates = 0;
            for (int t = 0; t < touchedCount; t++) {
                int other = touched[t];
                double count = together[other];
                together[other] = 0;
                double value = count >= minTogether ? similarity.of(item, other, count) : 0;
                if (value > 0) {
                    scores[other] = value;
                    touched[candidates++] = other;
                }
            }
            int[] best = TopItems.topAmong(touched, candidates, scores, keep);
            kept[item] = best;
            keptSimilarity[item] = new float[best.length];
            for (int b = 0; b < best.length; b++) {
                keptSimilarity[item][b] = (float) scores[best[b]];
            }
            for (int t = 0; t < candidates; t++) {
                scores[touched[t]] = 0;
            }
            start[item + 1] = start[item] + best.length;
        }
        int[] neighbour = new int[start[items]];
        float[] similarities = new float[start[items]];
        for (int item = 0; item < items; item++) {
            System.arraycopy(kept[item], 0, neighbour, start[item], kept[item].length);
            System.arraycopy(keptSimilarity[item], 0, similarities, start[item], kept[item].length);
        }
        return new Neighbours(start, neighbour, similarities);
    }

    int items() {
        return start.length - 1;
    }

    int from(int item) {
        return start[item];
    }

    int to(int item) {
        return start[item + 1];
    }

    int neighbour(int k) {
        return neighbour[k];
    }

    float similarity(int k) {
        return similarity[k];
    }

    /** The similarity of {@code other} to {@code item}, 0 when it is not among the item's neighbours. */
    double between(int item, int other) {
        for (int k = start[item]; k < start[item + 1]; k++) {
            if (neighbour[k] == other) {
                return similarity[k];
            }
        }
        return 0;
    }

    /** How many neighbours are kept in all. */
    int size() {
        return neighbour.length;
    }

    /** Adds, for each anchor item, weight × similarity to each of its neighbours. */
    void accumulate(int[] anchors, double[] weights, double[] scores) {
        for (int a = 0; a < anchors.length; a++) {
            int anchor = anchors[a];
            for (int k = start[anchor]; k < start[anchor + 1]; k++) {
                scores[neighbour[k]] += weights[a] * similarity[k];
            }
        }
    }

    /** The anchor whose similarity to {@code item} is highest, or -1 when none is similar. */
    int strongestAnchor(int[] anchors, int item) {
        int best = -1;
        double bestSimilarity = 0;
        for (int anchor : anchors) {
            double value = between(anchor, item);
            if (value > bestSimilarity) {
                bestSimilarity = value;
                best = anchor;
            }
        }
        return best;
    }
}
