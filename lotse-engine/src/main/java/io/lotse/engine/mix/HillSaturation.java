package io.lotse.engine.mix;

import java.util.Locale;

/**
 * Hill saturation {@code x^α / (x^α + κ^α)}: one half at {@code x = κ}; S-shaped for α &gt; 1, concave for α ≤ 1.
 *
 * @param alpha the shape α, positive
 * @param kappa the half-saturation point κ (in adstocked spend), positive
 */
public record HillSaturation(double alpha, double kappa) implements Saturation {

    public HillSaturation {
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("Hill saturation needs a positive shape α, was " + alpha);
        }
        if (!(kappa > 0 && Double.isFinite(kappa))) {
            throw new IllegalArgumentException("Hill saturation needs a positive half-saturation κ, was " + kappa);
        }
    }

    /**
     * Robyn's parametrisation: κ is the point {@code γ} of the way from the smallest to the largest adstocked
     * value, {@code κ = (1 − γ) · min + γ · max}.
     */
    public static HillSaturation fromInflexion(double alpha, double gamma, double[] adstocked) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : adstocked) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("a channel without spend cannot be saturated");
        }
        double kappa = (1 - gamma) * min + gamma * max;
        return new HillSaturation(alpha, Math.max(kappa, max * 1e-6));
    }

    @Override
    public double value(double x) {
        if (x <= 0) {
            return 0;
        }
        return 1 / (1 + Math.pow(kappa / x, alpha));
    }

    @Override
    public double derivative(double x) {
        if (x <= 0) {
            return alpha == 1 ? 1 / kappa : alpha < 1 ? Double.POSITIVE_INFINITY : 0;
        }
        double r = Math.pow(kappa / x, alpha);
        return alpha * r / (x * (1 + r) * (1 + r));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Hill α=%.3f κ=%.1f", alpha, kappa);
    }
}
