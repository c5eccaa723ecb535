package io.lotse.engine.propensity;

import java.util.List;

/**
 * Where a propensity model came from.
 *
 * @param window          the cutoff, horizon and outcome it was trained for
 * @param algorithm       the learner used ({@link Algorithm#BOOSTED_TREES} or {@link Algorithm#LOGISTIC_REGRESSION})
 * @param parameters      its hyperparameters
 * @param calibration     how its scores were calibrated
 * @param seed            the seed of every random choice
 * @param featureNames    the features, in schema order
 * @param trainingSize    rows trained on
 * @param positives       of them, rows whose outcome happened
 * @param trees           boosting rounds kept after early stopping; 0 for logistic regression
 * @param crossValidated  metrics of out-of-fold calibrated probabilities (each fold's calibration fitted on the other
 *                        folds' scores)
 */
public record ModelProvenance(DataWindow window, Algorithm algorithm, ModelParameters parameters,
                              CalibrationMethod calibration, long seed, List<String> featureNames, int trainingSize,
                              int positives, int trees, ModelMetrics crossValidated) {

    public ModelProvenance {
        featureNames = List.copyOf(featureNames);
    }
}
