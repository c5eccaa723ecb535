package io.lotse.simulator.stats;

/**
 * The media response curve of the marketing mix: geometric adstock carries spend over into later weeks, the
 * Hill function saturates it, a coefficient β scales it to incremental customers per week.
 */
public final class MediaResponse {

    private MediaResponse() {}

    /** Geometric adstock: a[t] = x[t] + θ · a[t-1], starting from nothing before the first week. */
    public static double[] adstock(double[] spend, double decay) {
        if (decay < 0 || decay >= 1) {
            throw new IllegalArgumentException("adstock decay must be in [0, 1), was " + decay);
        }
        double[] result = new double[spend.length];
        double carry = 0;
        for (int i = 0; i < spend.length; i++) {
            carry = spend[i] + decay * carry;
            result[i] = carry;
        }
        return result;
    }

    /** Hill saturation x^s / (x^s + κ^s), between 0 and 1, one half at x = κ. */
    public static double hill(double x, double halfSaturation, double shape) {
        if (x <= 0) {
            return 0;
        }
        double ratio = Math.pow(halfSaturation / x, shape);
        return 1 / (1 + ratio);
    }
}
