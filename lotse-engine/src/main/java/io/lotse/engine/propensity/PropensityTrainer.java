package io.lotse.engine.propensity;

/**
 * Trains a {@link PropensityModel}: chooses the learner, fits it on k-1 folds k times to get an out-of-fold score
 * for every row, fits the calibration on those scores, and fits the final learner on all rows. The out-of-fold
 * probabilities (each fold calibrated by the other folds' scores) give the metrics in the provenance.
 */
public final class PropensityTrainer {

    private final PropensitySettings settings;

    public PropensityTrainer(PropensitySettings settings) {
        this.settings = settings;
    }

    /**
     * @throws IllegalArgumentException when the data hold only one outcome, or fewer than 2 rows of one outcome
     *                                  (too few to calibrate on held-out scores)
     */
    public PropensityModel train(TrainingData data, DataWindow window) {
        data.requireBothClasses();
        int rarer = Math.min(data.positives(), data.negatives());
        if (rarer < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 rows of each outcome, but one outcome "
                    + "has " + rarer);
        }
        Algorithm algorithm = chosenAlgorithm(data.size(), rarer);
        int folds = Math.min(settings.calibrationFolds(), rarer);
        int[] foldOf = StratifiedFolds.assign(data.labelsView(), folds, settings.seed());
        double[] outOfFold = new double[data.size()];
        for (int fold = 0; fold < folds; fold++) {
            ScoringModel model = fit(data.subset(StratifiedFolds.rows(foldOf, fold, false)), algorithm,
                    settings.seed() + fold + 1);
            for (int i : StratifiedFolds.rows(foldOf, fold, true)) {
                outOfFold[i] = model.logOdds(data.rowsView()[i]);
            }
        }
        double[] labels = data.labelsView();
        double[] heldOutProbabilities = new double[data.size()];
        for (int fold = 0; fold < folds; fold++) {
            int[] others = StratifiedFolds.rows(foldOf, fold, false);
            Calibrator calibrator = settings.calibration().fit(pick(outOfFold, others), pick(labels, others));
            for (int i : StratifiedFolds.rows(foldOf, fold, true)) {
                heldOutProbabilities[i] = calibrator.probability(outOfFold[i]);
            }
        }
        Calibrator calibrator = settings.calibration().fit(outOfFold, labels);
        ScoringModel model = fit(data, algorithm, settings.seed());
        ModelParameters parameters = algorithm == Algorithm.BOOSTED_TREES ? settings.boosting() : settings.logistic();
        int trees = model instanceof TreeEnsemble ensemble ? ensemble.trees() : 0;
        ModelProvenance provenance = new ModelProvenance(window, algorithm, parameters, settings.calibration(),
                settings.seed(), data.schema().names(), data.size(), data.positives(), trees,
                ClassificationMetrics.of(heldOutProbabilities, labels));
        return new PropensityModel(model, calibrator, provenance);
    }

    private Algorithm chosenAlgorithm(int rows, int rarer) {
        if (settings.algorithm() != Algorithm.AUTO) {
            return settings.algorithm();
        }
        int minRows = settings.minRowsForTrees();
        return rows >= minRows && rarer >= minRows / 10 ? Algorithm.BOOSTED_TREES : Algorithm.LOGISTIC_REGRESSION;
    }

    private ScoringModel fit(TrainingData data, Algorithm algorithm, long seed) {
        return algorithm == Algorithm.BOOSTED_TREES
                ? GradientBoostedTrees.fit(data, settings.boosting(), seed)
                : LogisticRegression.fit(data, settings.logistic());
    }

    private static double[] pick(double[] values, int[] rows) {
        double[] picked = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            picked[k] = values[rows[k]];
        }
        return picked;
    }
}
