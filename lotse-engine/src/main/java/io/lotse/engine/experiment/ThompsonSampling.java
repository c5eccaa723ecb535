package io.lotse.engine.experiment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Thompson-sampling bandit over success rates: each arm's rate has a Beta posterior from the uniform prior; for
 * each person one draw is taken from every posterior and the arm with the highest draw is shown. Arms that look
 * better get more traffic, yet an arm with few trials keeps a chance in proportion to how likely it is the best.
 * Stateless: the counts are the state, so it can run from counts read from a database.
 */
public final class ThompsonSampling {

    private ThompsonSampling() {}

    /**
     * The arm to show next.
     *
     * @param arms   the arms' counts so far, at least one
     * @param random the source of the posterior draws; seed it for reproducible choices
     * @return the index of the chosen arm in {@code arms}
     */
    public static int choose(List<VariantCounts> arms, RandomGenerator random) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a bandit needs at least one arm");
        }
        int best = 0;
        double bestDraw = -1;
        for (int i = 0; i < arms.size(); i++) {
            double draw = arms.get(i).posterior().sample(random);
            if (draw > bestDraw) {
                bestDraw = draw;
                best = i;
            }
        }
        return best;
    }

    /**
     * The share of traffic each arm would get now: the probability that it is the best, estimated from
     * {@code draws} joint posterior draws. The shares sum to 1.
     */
    public static double[] allocation(List<VariantCounts> arms, int draws, RandomGenerator random) {
        if (draws < 1) {
            throw new IllegalArgumentException("need at least one draw, had " + draws);
        }
        double[] shares = new double[arms.size()];
        for (int d = 0; d < draws; d++) {
            shares[choose(arms, random)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= draws;
        }
        return shares;
    }
}
