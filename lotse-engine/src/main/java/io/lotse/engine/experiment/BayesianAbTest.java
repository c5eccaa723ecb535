package io.lotse.engine.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bayesian analysis of A/B/n tests on success rates (clicks, conversions): each variant's rate has a Beta posterior
 * from the uniform prior; the chance to beat the control is integrated numerically ({@link ChanceToBeat}); the
 * chance to be best of all and the credible interval of the relative lift come from seeded Monte Carlo draws of
 * the posteriors.
 */
public final class BayesianAbTest {

    /** Draws used by {@link #analyse(List, String, long)}: quantiles of the lift to about ±0.5 percentage points. */
    public static final int DEFAULT_DRAWS = 20_000;
    private static final double LEVEL = 0.95;

    private BayesianAbTest() {}

    /** Analyses the variants against the named control with {@link #DEFAULT_DRAWS} draws. */
    public static AbTestAnalysis analyse(List<VariantCounts> variants, String control, long seed) {
        return analyse(variants, control, seed, DEFAULT_DRAWS);
    }

    /**
     * Analyses the variants against the named control.
     *
     * @throws IllegalArgumentException with fewer than two variants, repeated names, an unknown control or fewer
     *                                  than 100 draws
     */
    public static AbTestAnalysis analyse(List<VariantCounts> variants, String control, long seed, int draws) {
        if (variants.size() < 2) {
            throw new IllegalArgumentException("an A/B test needs at least two variants, had " + variants.size());
        }
        if (new HashSet<>(variants.stream().map(VariantCounts::name).toList()).size() != variants.size()) {
            throw new IllegalArgumentException("variant names must be unique");
        }
        if (draws < 100) {
            throw new IllegalArgumentException("need at least 100 draws, had " + draws);
        }
        int controlIndex = -1;
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i).name().equals(control)) {
                controlIndex = i;
            }
        }
        if (controlIndex < 0) {
            throw new IllegalArgumentException("the control '" + control + "' is not among the variants");
        }
        List<VariantCounts> ordered = new ArrayList<>(variants.size());
        ordered.add(variants.get(controlIndex));
        for (int i = 0; i < variants.size(); i++) {
            if (i != controlIndex) {
                ordered.add(variants.get(i));
            }
        }

        int k = ordered.size();
        BetaPosterior[] posteriors = ordered.stream().map(VariantCounts::posterior).toArray(BetaPosterior[]::new);
        double[][] samples = new double[k][draws];
        SplittableRandom random = new SplittableRandom(seed);
        for (int d = 0; d < draws; d++) {
            for (int v = 0; v < k; v++) {
                samples[v][d] = posteriors[v].sample(random);
            }
        }
        int[] best = new int[k];
        for (int d = 0; d < draws; d++) {
            int arg = 0;
            for (int v = 1; v < k; v++) {
                if (samples[v][d] > samples[arg][d]) {
                    arg = v;
                }
            }
            best[arg]++;
        }

        List<VariantAnalysis> result = new ArrayList<>(k);
        for (int v = 0; v < k; v++) {
            VariantCounts counts = ordered.get(v);
            double chanceToBeBest = (double) best[v] / draws;
            if (v == 0) {
                result.add(new VariantAnalysis(counts.name(), counts.trials(), counts.successes(),
                        posteriors[v].mean(), posteriors[v].credibleInterval(LEVEL), 0.5, chanceToBeBest, 0, null));
                continue;
            }
            double[] lifts = new double[draws];
            double liftSum = 0;
            for (int d = 0; d < draws; d++) {
                lifts[d] = (samples[v][d] - samples[0][d]) / samples[0][d];
                liftSum += lifts[d];
            }
            Arrays.sort(lifts);
            result.add(new VariantAnalysis(counts.name(), counts.trials(), counts.successes(), posteriors[v].mean(),
                    posteriors[v].credibleInterval(LEVEL), ChanceToBeat.probability(posteriors[v], posteriors[0]),
                    chanceToBeBest, liftSum / draws,
                    new Interval(quantile(lifts, (1 - LEVEL) / 2), quantile(lifts, 1 - (1 - LEVEL) / 2))));
        }
        return new AbTestAnalysis(ordered.get(0).name(), result, draws, seed);
    }

    /** The empirical quantile of sorted values, interpolated linearly between order statistics. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
