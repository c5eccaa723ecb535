package io.lotse.engine.mix;

/**
 * An interval of a quantity, e.g. the 10th to 90th percentile of its bootstrap distribution.
 *
 * @param lower the lower end
 * @param upper the upper end, at least the lower
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("an interval's lower end must not exceed its upper end: " + lower
                    + " > " + upper);
        }
    }

    /** The empirical interval of the values at the given coverage, e.g. 0.8 for the 10th to 90th percentile. */
    static Interval of(double[] values, double level) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail));
    }

    /**
     * The empirical interval of the values, widened where needed to include the estimate itself: a percentile
     * interval of refits can miss the estimate it is reported with when the refits are skewed.
     */
    static Interval around(double estimate, double[] values, double level) {
        Interval interval = of(values, level);
        return new Interval(Math.min(interval.lower, estimate), Math.max(interval.upper, estimate));
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** Whether the value lies inside, ends included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
