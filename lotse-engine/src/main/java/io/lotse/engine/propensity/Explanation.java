package io.lotse.engine.propensity;

import java.util.List;

/**
 * Why a model gave a person their probability. The bias plus the contributions of all features equals
 * {@code logOdds}, the model's raw score; calibration maps that score to {@code probability} without changing the
 * order of people, so a positive contribution always raises the probability.
 *
 * @param probability the calibrated probability
 * @param logOdds     the raw score
 * @param bias        the part of the score no feature explains
 * @param topFactors  the features with the largest contributions by absolute value, largest first
 */
public record Explanation(double probability, double logOdds, double bias, List<Factor> topFactors) {

    public Explanation {
        topFactors = List.copyOf(topFactors);
    }

    /**
     * One feature's share of a score.
     *
     * @param feature      its name
     * @param value        the person's value ({@code NaN} when unknown)
     * @param contribution its signed share of the score, in log-odds
     */
    public record Factor(String feature, double value, double contribution) {}
}
