package io.lotse.server.predict;

import java.util.Arrays;
import java.util.Comparator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How well predicted probabilities fit observed outcomes. */
final class ClassificationMetrics {

    private static final int CALIBRATION_BINS = 10;

    private ClassificationMetrics() {}

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * counted half; {@code NaN} without both classes.
     */
    static double auc(double[] scores, boolean[] labels) {
        Integer[] order = sortedByScore(scores);
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                if (labels[order[m]]) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean squared difference between probability and outcome. */
    static double brier(double[] probabilities, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double error = probabilities[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.length;
    }

    /** Mean negative log-likelihood of the outcomes, probabilities kept within [1e-15, 1 − 1e-15]. */
    static double logLoss(double[] probabilities, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
            sum -= labels[i] ? Math.log(p) : Math.log1p(-p);
        }
        return sum / probabilities.length;
    }

    /**
     * Expected calibration error: over ten equal-width bins of predicted probability, the share of people in the bin
     * times the gap between their mean probability and the share of them with the outcome, summed.
     */
    static double calibrationError(double[] probabilities, boolean[] labels) {
        double[] predicted = new double[CALIBRATION_BINS];
        double[] observed = new double[CALIBRATION_BINS];
        int[] counts = new int[CALIBRATION_BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (probabilities[i] * CALIBRATION_BINS));
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] ? 1 : 0;
            counts[bin]++;
        }
        double error = 0;
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            if (counts[bin] > 0) {
                error += Math.abs(predicted[bin] - observed[bin]) / probabilities.length;
            }
        }
        return error;
    }

    /**
     * The share of positives among the tenth of people with the highest scores over the share among all; ties at
     * the boundary are broken by input order. {@code NaN} without positives.
     */
    static double liftTopDecile(double[] scores, boolean[] labels) {
        Integer[] order = sortedByScore(scores);
        int top = Math.max(1, order.length / 10);
        int positivesTop = 0;
        int positives = 0;
        for (int i = 0; i < order.length; i++) {
            boolean label = labels[order[order.length - 1 - i]];
            positives += label ? 1 : 0;
            if (i < top) {
                positivesTop += label ? 1 : 0;
            }
        }
        return positives == 0 ? Double.NaN : ((double) positivesTop / top) / ((double) positives / order.length);
    }

    /** AUC, Brier score, log loss, calibration error, top-decile lift, base rate and size, as JSON. */
    static ObjectNode of(double[] probabilities, boolean[] labels) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        node.put("people", labels.length);
        node.put("positives", positives);
        node.put("base_rate", labels.length == 0 ? 0 : (double) positives / labels.length);
        putFinite(node, "auc", auc(probabilities, labels));
        node.put("brier", brier(probabilities, labels));
        node.put("log_loss", logLoss(probabilities, labels));
        node.put("calibration_error", calibrationError(probabilities, labels));
        putFinite(node, "lift_top_decile", liftTopDecile(probabilities, labels));
        return node;
    }

    static void putFinite(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static Integer[] sortedByScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
