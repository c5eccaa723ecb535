package io.lotse.engine.recommend;

import java.util.List;

/**
 * Blends the scores of several signals into one: each signal's scores are normalised to [0, 1] (by score or by
 * rank), weighted and summed. Remembers for each item which signal contributed most, for its reason.
 */
public final class Blender {

    /** Only the best this many items of a signal take part in rank normalisation. */
    static final int RANKED_PER_SIGNAL = 500;
    /** The constant k of reciprocal-rank normalisation {@code 1 / (k + rank)}, scaled so that rank 1 gives 1. */
    static final double RANK_CONSTANT = 10;

    private Blender() {}

    /**
     * One signal's scores for every item.
     *
     * @param signal which signal
     * @param weight its weight, at least 0
     * @param scores a score per item; only positive scores count as evidence
     */
    public record Source(Signal signal, double weight, double[] scores) {}

    /**
     * The blended scores.
     *
     * @param total    weighted sum of normalised scores per item
     * @param dominant per item the signal with the largest weighted contribution, or null when none contributed
     */
    public record Blend(double[] total, Signal[] dominant) {}

    public static Blend blend(List<Source> sources, PlacementRules.Normalisation normalisation, int items) {
        double[] total = new double[items];
        double[] strongest = new double[items];
        Signal[] dominant = new Signal[items];
        double[] normalised = new double[items];
        for (Source source : sources) {
            if (!(source.weight() > 0)) {
                continue;
            }
            if (source.scores().length != items) {
                throw new IllegalArgumentException(source.signal().wireName() + " scores " + source.scores().length
                        + " items, not " + items);
            }
            normalise(source.scores(), normalisation, normalised);
            for (int item = 0; item < items; item++) {
                double contribution = source.weight() * normalised[item];
                if (contribution > 0) {
                    total[item] += contribution;
                    if (contribution > strongest[item]) {
                        strongest[item] = contribution;
                        dominant[item] = source.signal();
                    }
                }
            }
        }
        return new Blend(total, dominant);
    }

    /** Scores mapped to [0, 1]; items without positive evidence get 0. */
    static void normalise(double[] scores, PlacementRules.Normalisation normalisation, double[] result) {
        java.util.Arrays.fill(result, 0);
        if (normalisation == PlacementRules.Normalisation.SCORE) {
            double max = 0;
            for (double score : scores) {
                max = Math.max(max, score);
            }
            if (max > 0) {
                for (int item = 0; item < scores.length; item++) {
                    result[item] = scores[item] > 0 ? scores[item] / max : 0;
                }
            }
        } else {
            int[] ranking = TopItems.top(scores, RANKED_PER_SIGNAL, item -> false, 0);
            for (int rank = 0; rank < ranking.length; rank++) {
                result[ranking[rank]] = (RANK_CONSTANT + 1) / (RANK_CONSTANT + rank + 1);
            }
        }
    }
}
