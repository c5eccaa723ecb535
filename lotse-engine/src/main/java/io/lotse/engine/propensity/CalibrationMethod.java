package io.lotse.engine.propensity;

/** How raw scores become probabilities. */
public enum CalibrationMethod {
    /** Platt scaling: a logistic regression of the outcome on the raw log-odds; smooth, needs few examples. */
    PLATT,
    /** Isotonic regression (pool adjacent violators): any monotone shape, needs more examples. */
    ISOTONIC,
    /** The raw log-odds through the logistic function, uncalibrated. */
    NONE;

    /**
     * Fits this calibration to raw scores and outcomes, normally out-of-fold predictions.
     *
     * @throws IllegalArgumentException when the lengths differ, nothing is given, a score is not finite or a label
     *                                  is neither 0 nor 1
     */
    public Calibrator fit(double[] logOdds, double[] labels) {
        ClassificationMetrics.requireLabels(labels, logOdds.length);
        for (double score : logOdds) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("a score to calibrate is not finite: " + score);
            }
        }
        return switch (this) {
            case PLATT -> PlattScaling.fit(logOdds, labels);
            case ISOTONIC -> IsotonicCalibration.fit(logOdds, labels);
            case NONE -> new Uncalibrated();
        };
    }
}
