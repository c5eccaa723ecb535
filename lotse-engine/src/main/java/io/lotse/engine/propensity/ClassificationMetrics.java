package io.lotse.engine.propensity;

import java.util.Arrays;

/**
 * Measures of a binary classifier's scores against outcomes (labels 0 or 1): ROC AUC, lift in the top decile,
 * expected calibration error and Brier score.
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {}

    /**
     * The probability that a random positive scores above a random negative, ties counting one half (the
     * Mann–Whitney statistic with mid-ranks).
     *
     * @throws IllegalArgumentException unless both outcomes occur, or on malformed input
     */
    public static double auc(double[] scores, double[] labels) {
        requireScores(scores, labels);
        int n = scores.length;
        Integer[] order = byScore(scores);
        double positiveRankSum = 0;
        int positives = 0;
        int k = 0;
        while (k < n) {
            int end = k;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[k]]) {
                end++;
            }
            double midRank = (k + end) / 2.0 + 1;
            for (int m = k; m <= end; m++) {
                if (labels[order[m]] == 1.0) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            k = end + 1;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both outcomes, but all " + n + " labels are "
                    + (positives == 0 ? "0" : "1"));
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The positive rate among the tenth of rows with the highest scores (rounded up to whole rows; ties at the
     * border broken by position) over the positive rate of all rows.
     *
     * @throws IllegalArgumentException when no label is 1, or on malformed input
     */
    public static double liftTopDecile(double[] scores, double[] labels) {
        requireScores(scores, labels);
        int n = scores.length;
        Integer[] order = byScore(scores);
        int top = (int) Math.ceil(n / 10.0);
        double topPositives = 0;
        for (int k = n - 1; k >= n - top; k--) {
            topPositives += labels[order[k]];
        }
        double allPositives = 0;
        for (double label : labels) {
            allPositives += label;
        }
        if (allPositives == 0) {
            throw new IllegalArgumentException("lift needs at least one positive label");
        }
        return (topPositives / top) / (allPositives / n);
    }

    /**
     * Expected calibration error over {@code bins} equal-width probability bins: the row-weighted mean of
     * |mean predicted probability − observed positive rate| per bin.
     */
    public static double expectedCalibrationError(double[] probabilities, double[] labels, int bins) {
        requireProbabilities(probabilities, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("at least one bin is needed, was " + bins);
        }
        double[] predicted = new double[bins];
        double[] observed = new double[bins];
        int[] counts = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, (int) (probabilities[i] * bins));
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i];
            counts[bin]++;
        }
        double error = 0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                error += Math.abs(predicted[b] - observed[b]);
            }
        }
        return error / probabilities.length;
    }

    /** The mean squared difference between probability and outcome. */
    public static double brier(double[] probabilities, double[] labels) {
        requireProbabilities(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double difference = probabilities[i] - labels[i];
            sum += difference * difference;
        }
        return sum / probabilities.length;
    }

    /** All four measures of probabilities, with the calibration error over 10 bins. */
    public static ModelMetrics of(double[] probabilities, double[] labels) {
        return new ModelMetrics(auc(probabilities, labels), liftTopDecile(probabilities, labels),
                expectedCalibrationError(probabilities, labels, 10), brier(probabilities, labels));
    }

    private static Integer[] byScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Ascending score; among equal scores the later position first, so that the top (read from the end)
        // takes earlier positions first.
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[a], scores[b])
                : Integer.compare(b, a));
        return order;
    }

    private static void requireScores(double[] scores, double[] labels) {
        requireLabels(labels, scores.length);
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is not finite: " + scores[i]);
            }
        }
    }

    private static void requireProbabilities(double[] probabilities, double[] labels) {
        requireLabels(labels, probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException("probability " + i + " is not in [0, 1]: " + probabilities[i]);
            }
        }
    }

    static void requireLabels(double[] labels, int expected) {
        if (labels.length != expected) {
            throw new IllegalArgumentException("there are " + expected + " scores but " + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no scores given");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label " + i + " must be 0 or 1, was " + labels[i]);
            }
        }
    }
}
