package io.lotse.engine.propensity;

import java.util.Arrays;

/**
 * Isotonic regression of the outcome on the raw score by pool adjacent violators: a non-decreasing step function.
 * A score between two fitted blocks takes the value of the block below it; below the first block the first value.
 */
public final class IsotonicCalibration implements Calibrator {

    private final double[] lowerBounds;
    private final double[] values;

    private IsotonicCalibration(double[] lowerBounds, double[] values) {
        this.lowerBounds = lowerBounds;
        this.values = values;
    }

    static IsotonicCalibration fit(double[] scores, double[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        double[] lower = new double[n];
        double[] sum = new double[n];
        double[] weight = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            // Equal scores must share one value: a score equal to the previous one joins the last block, which
            // always holds the previous score.
            if (k > 0 && scores[order[k - 1]] == scores[i]) {
                sum[blocks - 1] += labels[i];
                weight[blocks - 1] += 1;
            } else {
                lower[blocks] = scores[i];
                sum[blocks] = labels[i];
                weight[blocks] = 1;
                blocks++;
            }
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                blocks--;
            }
        }
        double[] means = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            means[b] = sum[b] / weight[b];
        }
        return new IsotonicCalibration(Arrays.copyOf(lower, blocks), means);
    }

    @Override
    public double probability(double logOdds) {
        int position = Arrays.binarySearch(lowerBounds, logOdds);
        int block = position >= 0 ? position : Math.max(0, -position - 2);
        return values[block];
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.ISOTONIC;
    }
}
