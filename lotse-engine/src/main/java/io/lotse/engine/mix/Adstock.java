package io.lotse.engine.mix;

/**
 * Carry-over of media spend into later periods: the adstocked series is a weighted sum of the current and earlier
 * spend, {@code a[t] = Σ_k w[k] · x[t-k]}, starting from nothing before the first period.
 */
public sealed interface Adstock permits GeometricAdstock, WeibullAdstock {

    /** The adstocked series, as long as {@code spend}. */
    double[] apply(double[] spend);

    /**
     * The sum of all carry-over weights: a constant spend {@code s} per period settles at an adstock of
     * {@code s · steadyStateMultiplier()}.
     */
    double steadyStateMultiplier();

    /** Share of the total effect of one period's spend that arrives in the same period. */
    default double immediateShare() {
        return weight(0) / steadyStateMultiplier();
    }

    /** The weight of spend {@code lag} periods ago. */
    double weight(int lag);

    /** A short human-readable description, e.g. {@code geometric θ=0.35}. */
    String describe();
}
