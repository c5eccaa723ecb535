package io.lotse.engine.propensity;

/**
 * An uncalibrated binary classifier that scores in log-odds and splits every score into a constant bias and one
 * additive contribution per feature: {@code logOdds(x) == bias() + Σ contributions(x)}.
 */
public sealed interface ScoringModel permits TreeEnsemble, LogisticModel {

    FeatureSchema schema();

    /** The score of one row of feature values in schema order ({@code NaN} for unknown). */
    double logOdds(double[] row);

    /** The part of every score that no feature explains. */
    double bias();

    /** Each feature's signed share of the score of the row, in log-odds, in schema order. */
    double[] contributions(double[] row);
}
