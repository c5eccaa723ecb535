package io.lotse.engine.propensity;

import java.util.Arrays;

/**
 * Quantile bins per feature: bin {@code b} holds the values {@code x ≤ edges[b]} above the previous edge, the last
 * bin everything above the last edge. The edges are training values, so a split after bin {@code b} is the
 * threshold {@code x ≤ edges[b]} on raw values. Unknown values get {@link #MISSING}.
 */
final class FeatureBinning {

    static final short MISSING = -1;

    private final double[][] edges;

    private FeatureBinning(double[][] edges) {
        this.edges = edges;
    }

    /** Bins from the known values of the given rows, at most {@code maxBins} per feature. */
    static FeatureBinning fit(double[][] rows, int[] use, int features, int maxBins) {
        double[][] edges = new double[features][];
        double[] values = new double[use.length];
        for (int j = 0; j < features; j++) {
            int known = 0;
            for (int i : use) {
                double value = rows[i][j];
                if (!Double.isNaN(value)) {
                    values[known++] = value;
                }
            }
            double[] sorted = Arrays.copyOf(values, known);
            Arrays.sort(sorted);
            edges[j] = edgesOf(sorted, maxBins);
        }
        return new FeatureBinning(edges);
    }

    private static double[] edgesOf(double[] sorted, int maxBins) {
        int n = sorted.length;
        if (n == 0) {
            return new double[0];
        }
        double[] candidates = new double[maxBins - 1];
        int count = 0;
        for (int k = 1; k < maxBins; k++) {
            double edge = sorted[(int) ((long) k * n / maxBins)];
            // An edge at the largest value would leave the last bin empty; duplicates would leave a bin empty.
            if (edge < sorted[n - 1] && (count == 0 || edge > candidates[count - 1])) {
                candidates[count++] = edge;
            }
        }
        if (count < maxBins - 1) {
            // Few distinct values: one bin per value is possible, and better than quantiles that skip values.
            double[] distinct = distinctBelowMax(sorted);
            if (distinct.length <= maxBins - 1) {
                return distinct;
            }
        }
        return Arrays.copyOf(candidates, count);
    }

    private static double[] distinctBelowMax(double[] sorted) {
        double[] distinct = new double[sorted.length];
        int count = 0;
        for (double value : sorted) {
            if (value < sorted[sorted.length - 1] && (count == 0 || value > distinct[count - 1])) {
                distinct[count++] = value;
            }
        }
        return Arrays.copyOf(distinct, count);
    }

    int bins(int feature) {
        return edges[feature].length + 1;
    }

    /** The raw threshold of a split after bin {@code bin}: {@code x ≤ threshold} goes left. */
    double threshold(int feature, int bin) {
        double[] featureEdges = edges[feature];
        return bin < featureEdges.length ? featureEdges[bin] : Double.POSITIVE_INFINITY;
    }

    short bin(int feature, double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        int position = Arrays.binarySearch(edges[feature], value);
        return (short) (position >= 0 ? position : -position - 1);
    }

    /** The bins of every row, feature by feature: {@code codes[feature][row]}. */
    short[][] codes(double[][] rows, int features) {
        short[][] codes = new short[features][rows.length];
        for (int j = 0; j < features; j++) {
            for (int i = 0; i < rows.length; i++) {
                codes[j][i] = bin(j, rows[i][j]);
            }
        }
        return codes;
    }
}
