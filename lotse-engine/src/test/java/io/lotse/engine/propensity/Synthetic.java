package io.lotse.engine.propensity;

import java.util.Random;

/** Synthetic data sets with known structure, generated from a seed. */
final class Synthetic {

    private Synthetic() {}

    /**
     * Two informative features in [−1, 1] whose signs agree for positives (an XOR rule no linear model can
     * express), a noise feature, and 5% of the labels flipped.
     */
    static TrainingData xor(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][3];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 2 * random.nextDouble() - 1;
            x[i][1] = 2 * random.nextDouble() - 1;
            x[i][2] = random.nextGaussian();
            boolean positive = x[i][0] * x[i][1] > 0;
            y[i] = (positive ^ random.nextDouble() < 0.05) ? 1 : 0;
        }
        return new TrainingData(FeatureSchema.of("a", "b", "noise"), x, y);
    }

    /** Outcomes drawn from {@code σ(intercept + Σ β_j x_j)} with standard normal features. */
    static TrainingData logistic(int rows, double intercept, double[] beta, long seed) {
        Random random = new Random(seed);
        String[] names = new String[beta.length];
        for (int j = 0; j < beta.length; j++) {
            names[j] = "x" + j;
        }
        double[][] x = new double[rows][beta.length];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double score = intercept;
            for (int j = 0; j < beta.length; j++) {
                x[i][j] = random.nextGaussian();
                score += beta[j] * x[i][j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
        }
        return new TrainingData(FeatureSchema.of(names), x, y);
    }

    static double[] scores(ScoringModel model, TrainingData data) {
        double[] scores = new double[data.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.logOdds(data.row(i));
        }
        return scores;
    }
}
