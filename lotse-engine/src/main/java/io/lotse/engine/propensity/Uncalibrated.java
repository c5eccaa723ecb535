package io.lotse.engine.propensity;

/** The logistic function of the raw score. */
record Uncalibrated() implements Calibrator {

    @Override
    public double probability(double logOdds) {
        return LogisticRegression.sigmoid(logOdds);
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.NONE;
    }
}
