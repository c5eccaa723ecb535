package io.lotse.engine.propensity;

/** Maps a raw score in log-odds to a calibrated probability; never decreasing in the score. */
public sealed interface Calibrator permits PlattScaling, IsotonicCalibration, Uncalibrated {

    double probability(double logOdds);

    CalibrationMethod method();
}
