package io.lotse.engine.experiment;

/**
 * A two-sided credible interval.
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below {@code lower}
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("an interval needs lower <= upper, was [" + lower + ", " + upper + "]");
        }
    }

    /** Whether the value lies within the bounds, bounds included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
