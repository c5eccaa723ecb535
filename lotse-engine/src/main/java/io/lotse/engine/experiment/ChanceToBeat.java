package io.lotse.engine.experiment;

import java.util.Arrays;

/**
 * P(X &gt; Y) for independent Beta-distributed rates X and Y, by numerical integration of
 * ∫ f<sub>X</sub>(t) F<sub>Y</sub>(t) dt.
 *
 * <p>The integral runs over the range where X has mass (its mean ± 12 standard deviations, clipped to (0, 1)),
 * cut at the edges of Y's own range, so that a steep F<sub>Y</sub> inside a wide X still gets its own fine grid;
 * each piece is integrated with Simpson's rule. Accurate to about 1e-6 for the shapes that counts produce.
 */
public final class ChanceToBeat {

    private static final double SPREAD = 12;
    private static final int INTERVALS_PER_PIECE = 400;

    private ChanceToBeat() {}

    /**
     * The probability that a draw from {@code x} exceeds an independent draw from {@code y}.
     *
     * @throws IllegalArgumentException when a shape of {@code x} is below 1 (its density is unbounded); posteriors
     *                                  of counts under the uniform prior never are
     */
    public static double probability(BetaPosterior x, BetaPosterior y) {
        if (x.alpha() < 1 || x.beta() < 1) {
            throw new IllegalArgumentException("the chance to beat needs shapes of at least 1, had " + x);
        }
        double low = Math.max(0, x.mean() - SPREAD * x.standardDeviation());
        double high = Math.min(1, x.mean() + SPREAD * x.standardDeviation());
        double yLow = y.mean() - SPREAD * y.standardDeviation();
        double yHigh = y.mean() + SPREAD * y.standardDeviation();
        double[] cuts = Arrays.stream(new double[] {low, high, yLow, yHigh})
                .filter(c -> c >= low && c <= high).sorted().distinct().toArray();
        double sum = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            sum += simpson(x, y, cuts[i], cuts[i + 1]);
        }
        return Math.min(1, Math.max(0, sum));
    }

    private static double simpson(BetaPosterior x, BetaPosterior y, double from, double to) {
        if (to <= from) {
            return 0;
        }
        int n = INTERVALS_PER_PIECE;
        double h = (to - from) / n;
        double sum = integrand(x, y, from) + integrand(x, y, to);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * integrand(x, y, from + i * h);
        }
        return sum * h / 3;
    }

    private static double integrand(BetaPosterior x, BetaPosterior y, double t) {
        if (t <= 0) {
            return 0; // F_Y(0) = 0
        }
        if (t >= 1) {
            return x.beta() == 1 ? x.alpha() : 0; // the density of X at 1, finite for shapes of at least 1
        }
        return Math.exp(x.logDensity(t)) * y.cumulativeProbability(t);
    }
}
