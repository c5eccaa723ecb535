package io.lotse.engine.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Replays a bandit against variants whose true success rates are known and measures its regret: the successes
 * lost against always showing the best variant, in expectation (Σ best rate − rate of the arm shown). The same
 * people (the same random outcomes) are shown to a uniform random split for comparison.
 *
 * @param trueRates   the variants' true success rates
 * @param rounds      people shown a variant, one after another
 * @param seed        seed of the bandit's draws and the outcomes
 * @param banditRegret expected successes the Thompson-sampling bandit lost
 * @param uniformRegret expected successes a uniform split lost
 * @param banditPulls  how often the bandit showed each variant
 */
public record BanditSimulation(List<Double> trueRates, int rounds, long seed, double banditRegret,
                               double uniformRegret, List<Long> banditPulls) {

    public BanditSimulation {
        trueRates = List.copyOf(trueRates);
        banditPulls = List.copyOf(banditPulls);
    }

    /**
     * Runs the simulation.
     *
     * @throws IllegalArgumentException with fewer than two rates, a rate outside [0, 1] or no rounds
     */
    public static BanditSimulation run(double[] trueRates, int rounds, long seed) {
        if (trueRates.length < 2) {
            throw new IllegalArgumentException("a bandit simulation needs at least two variants");
        }
        double bestRate = 0;
        for (double rate : trueRates) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rates must lie in [0, 1], had " + rate);
            }
            bestRate = Math.max(bestRate, rate);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("need at least one round, had " + rounds);
        }
        int k = trueRates.length;
        long[] trials = new long[k];
        long[] successes = new long[k];
        SplittableRandom banditRandom = new SplittableRandom(seed);
        SplittableRandom outcomes = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SplittableRandom uniformRandom = new SplittableRandom(~seed);
        double banditRegret = 0;
        double uniformRegret = 0;
        List<VariantCounts> arms = new ArrayList<>(k);
        for (int round = 0; round < rounds; round++) {
            arms.clear();
            for (int i = 0; i < k; i++) {
                arms.add(new VariantCounts("v" + i, trials[i], successes[i]));
            }
            int arm = ThompsonSampling.choose(arms, banditRandom);
            // One uniform number per person: whether they would succeed is the same draw for every arm.
            double u = outcomes.nextDouble();
            trials[arm]++;
            if (u < trueRates[arm]) {
                successes[arm]++;
            }
            banditRegret += bestRate - trueRates[arm];
            uniformRegret += bestRate - trueRates[uniformRandom.nextInt(k)];
        }
        List<Double> rates = new ArrayList<>(k);
        List<Long> pulls = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            rates.add(trueRates[i]);
            pulls.add(trials[i]);
        }
        return new BanditSimulation(rates, rounds, seed, banditRegret, uniformRegret, pulls);
    }
}
