package io.lotse.engine.text;

import java.util.List;

/**
 * Calibration of a classifier's confidence by one temperature T: probabilities become softmax(logits / T), with
 * T chosen to minimise the negative log-likelihood of held-out examples (Guo et al. 2017). The ranking of the
 * classes never changes, only how sure the model says it is.
 */
public final class TemperatureScaling {

    private static final double MIN_LOG_T = Math.log(0.05);
    private static final double MAX_LOG_T = Math.log(20);

    private TemperatureScaling() {}

    /**
     * The temperature minimising the negative log-likelihood of the true classes; 1 when there are no examples.
     *
     * @param logits one row of class scores per example
     * @param labels the true class of each example
     */
    public static double fit(List<double[]> logits, int[] labels) {
        if (logits.size() != labels.length) {
            throw new IllegalArgumentException("one label per row of logits is needed");
        }
        if (logits.isEmpty()) {
            return 1;
        }
        // The NLL is convex in 1/T, hence unimodal in log T: golden-section search finds its minimum.
        double a = MIN_LOG_T;
        double b = MAX_LOG_T;
        double ratio = (Math.sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        double fc = nll(logits, labels, Math.exp(c));
        double fd = nll(logits, labels, Math.exp(d));
        for (int i = 0; i < 60; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = nll(logits, labels, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = nll(logits, labels, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Mean negative log-likelihood of the true classes at temperature {@code t}. */
    public static double nll(List<double[]> logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] row = logits.get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (double l : row) {
                max = Math.max(max, l / t);
            }
            double z = 0;
            for (double l : row) {
                z += Math.exp(l / t - max);
            }
            sum += -(row[labels[i]] / t - max - Math.log(z));
        }
        return sum / labels.length;
    }
}
