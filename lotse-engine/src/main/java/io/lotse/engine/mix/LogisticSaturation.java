package io.lotse.engine.mix;

import java.util.Locale;

/**
 * Logistic saturation {@code (1 − e^(−μx)) / (1 + e^(−μx))}: zero without spend, concave, approaching 1.
 *
 * @param mu the steepness μ, positive, in 1 / adstocked spend
 */
public record LogisticSaturation(double mu) implements Saturation {

    public LogisticSaturation {
        if (!(mu > 0 && Double.isFinite(mu))) {
            throw new IllegalArgumentException("logistic saturation needs a positive steepness μ, was " + mu);
        }
    }

    /** μ relative to the mean of the positive adstocked values: {@code μ = ρ / mean}. */
    public static LogisticSaturation fromRelative(double rho, double[] adstocked) {
        double sum = 0;
        int count = 0;
        for (double v : adstocked) {
            if (v > 0) {
                sum += v;
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("a channel without spend cannot be saturated");
        }
        return new LogisticSaturation(rho / (sum / count));
    }

    @Override
    public double value(double x) {
        if (x <= 0) {
            return 0;
        }
        return Math.tanh(mu * x / 2);
    }

    @Override
    public double derivative(double x) {
        double c = Math.cosh(mu * Math.max(x, 0) / 2);
        return mu / (2 * c * c);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "logistic μ=%.3g", mu);
    }
}
