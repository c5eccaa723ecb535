package io.lotse.engine.mix;

import java.util.Arrays;
import java.util.Locale;

/**
 * Weibull adstock as in Robyn, over a window of {@code window} periods. The weights of lags 0, 1, 2, … are
 *
 * <ul>
 *   <li>CDF variant: {@code w[0] = 1}, {@code w[k] = Π_{j=1..k} (1 − F(j))}, with F the Weibull distribution
 *   function of the given shape and scale: a decay whose rate changes over time, always strongest at lag 0;</li>
 *   <li>PDF variant: the Weibull density at lags 1, 2, …, min-max normalised to [0, 1]: the effect may peak
 *   some periods after the spend (lagged effect).</li>
 * </ul>
 *
 * The scale is in periods ({@code scalePeriods}); Robyn's hyperparameter is its quantile position in the window,
 * {@code scalePeriods = round(1 + scale · (window − 1))} (see {@link #fromRelativeScale}).
 *
 * @param pdf          whether this is the PDF (lagged) variant; else the CDF variant
 * @param shape        Weibull shape, positive
 * @param scalePeriods Weibull scale in periods, at least 1
 * @param window       number of lags carrying weight, at least 1
 */
public record WeibullAdstock(boolean pdf, double shape, double scalePeriods, int window) implements Adstock {

    /** Weights below this share of the largest are dropped from the convolution; they change nothing measurable. */
    private static final double NEGLIGIBLE = 1e-9;

    public WeibullAdstock {
        if (!(shape > 0 && Double.isFinite(shape))) {
            throw new IllegalArgumentException("Weibull adstock needs a positive shape, was " + shape);
        }
        if (!(scalePeriods >= 1 && Double.isFinite(scalePeriods))) {
            throw new IllegalArgumentException("Weibull adstock needs a scale of at least one period, was "
                    + scalePeriods);
        }
        if (window < 1) {
            throw new IllegalArgumentException("Weibull adstock needs a window of at least one period, was " + window);
        }
    }

    /** Robyn's parametrisation: the scale as a relative position {@code scale ∈ [0, 1]} in the window. */
    public static WeibullAdstock fromRelativeScale(boolean pdf, double shape, double scale, int window) {
        if (!(scale >= 0 && scale <= 1)) {
            throw new IllegalArgumentException("the relative Weibull scale must be in [0, 1], was " + scale);
        }
        double periods = Math.max(1, Math.rint(1 + scale * (window - 1)));
        return new WeibullAdstock(pdf, shape, periods, window);
    }

    /** The weights of lags 0 … window − 1, trailing negligible weights removed. */
    double[] weights() {
        double[] w = new double[window];
        if (pdf) {
            for (int k = 0; k < window; k++) {
                w[k] = density(k + 1);
            }
            double min = Arrays.stream(w).min().orElse(0);
            double max = Arrays.stream(w).max().orElse(0);
            for (int k = 0; k < window; k++) {
                w[k] = max > min ? (w[k] - min) / (max - min) : 1;
            }
        } else {
            w[0] = 1;
            for (int k = 1; k < window; k++) {
                w[k] = w[k - 1] * (1 - distribution(k));
            }
        }
        int length = window;
        double largest = Arrays.stream(w).max().orElse(0);
        while (length > 1 && w[length - 1] <= NEGLIGIBLE * largest) {
            length--;
        }
        return Arrays.copyOf(w, length);
    }

    private double distribution(double x) {
        return 1 - Math.exp(-Math.pow(x / scalePeriods, shape));
    }

    private double density(double x) {
        double z = x / scalePeriods;
        return shape / scalePeriods * Math.pow(z, shape - 1) * Math.exp(-Math.pow(z, shape));
    }

    @Override
    public double[] apply(double[] spend) {
        double[] w = weights();
        double[] result = new double[spend.length];
        for (int s = 0; s < spend.length; s++) {
            double x = spend[s];
            if (x == 0) {
                continue;
            }
            int end = Math.min(spend.length, s + w.length);
            for (int t = s; t < end; t++) {
                result[t] += x * w[t - s];
            }
        }
        return result;
    }

    @Override
    public double steadyStateMultiplier() {
        double sum = 0;
        for (double v : weights()) {
            sum += v;
        }
        return sum;
    }

    @Override
    public double immediateShare() {
        double[] w = weights();
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        return sum == 0 ? 0 : w[0] / sum;
    }

    @Override
    public double weight(int lag) {
        double[] w = weights();
        return lag < 0 || lag >= w.length ? 0 : w[lag];
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Weibull %s shape=%.3f scale=%.1f periods", pdf ? "PDF" : "CDF", shape,
                scalePeriods);
    }
}
