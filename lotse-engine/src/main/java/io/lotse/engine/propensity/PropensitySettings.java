package io.lotse.engine.propensity;

/**
 * How {@link PropensityTrainer} trains.
 *
 * @param algorithm        the learner; {@link Algorithm#AUTO} takes boosted trees when there are at least
 *                         {@code minRowsForTrees} rows and a tenth of that of each outcome, else logistic regression
 * @param boosting         hyperparameters of the trees
 * @param logistic         hyperparameters of the logistic regression
 * @param calibration      how raw scores become probabilities
 * @param calibrationFolds folds of the cross-validation whose out-of-fold scores the calibration is fitted on (fewer
 *                         when the rarer outcome has fewer rows)
 * @param minRowsForTrees  see {@code algorithm}
 * @param seed             seeds every random choice: folds, held-out rows, row samples
 */
public record PropensitySettings(Algorithm algorithm, BoostingParameters boosting, LogisticParameters logistic,
                                 CalibrationMethod calibration, int calibrationFolds, int minRowsForTrees,
                                 long seed) {

    public PropensitySettings {
        if (calibrationFolds < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 folds, was " + calibrationFolds);
        }
        if (minRowsForTrees < 1) {
            throw new IllegalArgumentException("minRowsForTrees must be at least 1, was " + minRowsForTrees);
        }
    }

    /** Automatic choice, default hyperparameters, Platt scaling on 5-fold out-of-fold scores, trees from 500 rows. */
    public static PropensitySettings defaults(long seed) {
        return new PropensitySettings(Algorithm.AUTO, BoostingParameters.defaults(), LogisticParameters.defaults(),
                CalibrationMethod.PLATT, 5, 500, seed);
    }

    public PropensitySettings withAlgorithm(Algorithm chosen) {
        return new PropensitySettings(chosen, boosting, logistic, calibration, calibrationFolds, minRowsForTrees,
                seed);
    }

    public PropensitySettings withCalibration(CalibrationMethod chosen) {
        return new PropensitySettings(algorithm, boosting, logistic, chosen, calibrationFolds, minRowsForTrees,
                seed);
    }

    public PropensitySettings withSeed(long chosen) {
        return new PropensitySettings(algorithm, boosting, logistic, calibration, calibrationFolds, minRowsForTrees,
                chosen);
    }
}
