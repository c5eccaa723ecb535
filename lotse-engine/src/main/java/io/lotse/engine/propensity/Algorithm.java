package io.lotse.engine.propensity;

/** Which learner a propensity model uses. */
public enum Algorithm {
    /** Gradient-boosted trees when the data are large enough, else logistic regression. */
    AUTO,
    BOOSTED_TREES,
    LOGISTIC_REGRESSION
}
