package io.lotse.engine.propensity;

/**
 * How well probabilities matched outcomes.
 *
 * @param auc              ROC AUC, 0.5 is chance
 * @param liftTopDecile    positive rate of the top-scored tenth over the overall rate
 * @param calibrationError expected calibration error over 10 equal-width bins
 * @param brier            mean squared error of the probabilities
 */
public record ModelMetrics(double auc, double liftTopDecile, double calibrationError, double brier) {
}
