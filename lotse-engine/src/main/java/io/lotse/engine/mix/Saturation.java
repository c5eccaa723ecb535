package io.lotse.engine.mix;

/** Diminishing returns: maps adstocked spend (≥ 0) to an effect between 0 (no spend) and 1 (saturated). */
public sealed interface Saturation permits HillSaturation, LogisticSaturation {

    /** The saturated effect of adstocked spend {@code x ≥ 0}, in [0, 1). */
    double value(double x);

    /** The derivative of {@link #value} at {@code x}. */
    double derivative(double x);

    /** A short human-readable description, e.g. {@code Hill α=1.20 κ=1,500}. */
    String describe();

    /** Applies {@link #value} to every element. */
    default double[] apply(double[] adstocked) {
        double[] result = new double[adstocked.length];
        for (int t = 0; t < adstocked.length; t++) {
            result[t] = value(adstocked[t]);
        }
        return result;
    }
}
