package io.lotse.engine.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What a campaign added beyond what would have happened anyway, measured against a random holdout group that
 * was left out of the campaign.
 *
 * @param treatedRate           posterior mean of the success rate of those who received the campaign
 * @param holdoutRate           posterior mean of the success rate of the holdout
 * @param uplift                posterior mean of treated rate − holdout rate, in rate points
 * @param upliftInterval        95% credible interval of that difference
 * @param relativeLift          posterior mean of (treated − holdout) / holdout
 * @param relativeLiftInterval  95% credible interval of the relative lift
 * @param chanceOfPositiveEffect P(treated rate &gt; holdout rate)
 * @param incrementalSuccesses  successes among the treated that the campaign caused: the treated count times the
 *                              mean uplift (negative when the campaign did harm)
 */
public record Incrementality(double treatedRate, double holdoutRate, double uplift, Interval upliftInterval,
                             double relativeLift, Interval relativeLiftInterval, double chanceOfPositiveEffect,
                             double incrementalSuccesses) {

    private static final double LEVEL = 0.95;

    /**
     * Compares the treated group with the holdout; the same counts and seed give the same result.
     *
     * @throws IllegalArgumentException when {@code draws} is below 100
     */
    public static Incrementality of(VariantCounts treated, VariantCounts holdout, long seed, int draws) {
        if (draws < 100) {
            throw new IllegalArgumentException("need at least 100 draws, had " + draws);
        }
        BetaPosterior t = treated.posterior();
        BetaPosterior h = holdout.posterior();
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[draws];
        double[] lifts = new double[draws];
        double differenceSum = 0;
        double liftSum = 0;
        for (int d = 0; d < draws; d++) {
            double treatedDraw = t.sample(random);
            double holdoutDraw = h.sample(random);
            differences[d] = treatedDraw - holdoutDraw;
            lifts[d] = differences[d] / holdoutDraw;
            differenceSum += differences[d];
            liftSum += lifts[d];
        }
        Arrays.sort(differences);
        Arrays.sort(lifts);
        double tail = (1 - LEVEL) / 2;
        double uplift = differenceSum / draws;
        return new Incrementality(t.mean(), h.mean(), uplift,
                new Interval(BayesianAbTest.quantile(differences, tail), BayesianAbTest.quantile(differences, 1 - tail)),
                liftSum / draws,
                new Interval(BayesianAbTest.quantile(lifts, tail), BayesianAbTest.quantile(lifts, 1 - tail)),
                ChanceToBeat.probability(t, h), treated.trials() * uplift);
    }

    /** {@link #of(VariantCounts, VariantCounts, long, int)} with {@link BayesianAbTest#DEFAULT_DRAWS} draws. */
    public static Incrementality of(VariantCounts treated, VariantCounts holdout, long seed) {
        return of(treated, holdout, seed, BayesianAbTest.DEFAULT_DRAWS);
    }
}
