package io.lotse.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Measures of how well predictions agree with what happened; NaN where a measure is undefined. */
final class Agreement {

    private Agreement() {}

    /** Mean absolute difference. */
    static double meanAbsoluteError(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            sum += Math.abs(predicted[i] - actual[i]);
        }
        return predicted.length == 0 ? Double.NaN : sum / predicted.length;
    }

    /** Pearson's correlation; NaN for fewer than two values or a constant series. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = Arrays.stream(x).average().orElse(0);
        double meanY = Arrays.stream(y).average().orElse(0);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            xy += dx * dy;
            xx += dx * dx;
            yy += dy * dy;
        }
        return xx == 0 || yy == 0 ? Double.NaN : xy / Math.sqrt(xx * yy);
    }

    /** Spearman's rank correlation, ties given their mean rank. */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /**
     * The area under the ROC curve of a score for a yes/no outcome: the probability that a random "yes" scores
     * higher than a random "no", ties counting half. NaN when either outcome is missing.
     */
    static double areaUnderCurve(double[] score, boolean[] outcome) {
        double[] rank = ranks(score);
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < score.length; i++) {
            if (outcome[i]) {
                rankSum += rank[i];
                positives++;
            }
        }
        long negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Ranks from 1, ties given their mean rank. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }
}
