package io.lotse.server.predict;

import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealVector;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * L2-penalised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features. A missing value ({@code NaN}) stands for the training mean, i.e. 0 after
 * standardisation, so it adds nothing; an indicator feature carries the fact that it is missing. Features without
 * spread in the training data are left out. The intercept is not penalised, so the mean predicted probability on
 * the training data equals the share of positives: probabilities are calibrated in the large.
 */
final class LogisticRegression implements PropensityLearner {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-8;

    private final List<String> featureNames;
    private final double penalty;

    /**
     * @param featureNames names of the row's columns, for the recorded parameters
     * @param penalty      λ of the penalty λ/2 · Σβ² on the standardised coefficients, at least 0
     */
    LogisticRegression(List<String> featureNames, double penalty) {
        if (!(penalty >= 0)) {
            throw new IllegalArgumentException("the penalty must not be negative, was " + penalty);
        }
        this.featureNames = List.copyOf(featureNames);
        this.penalty = penalty;
    }

    @Override
    public String name() {
        return "logistic_regression";
    }

    @Override
    public Model fit(double[][] rows, boolean[] labels) {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("logistic regression needs both outcomes among the labels");
        }
        int k = featureNames.size();
        double[] mean = new double[k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            double squares = 0;
            int present = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    squares += row[j] * row[j];
                    present++;
                }
            }
            mean[j] = present == 0 ? 0 : sum / present;
            double variance = present == 0 ? 0 : squares / present - mean[j] * mean[j];
            scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 0;
        }
        int dimension = k + 1;
        double[] beta = new double[dimension];
        double base = (double) positives / labels.length;
        beta[k] = Math.log(base / (1 - base));
        double[] z = new double[dimension];
        int iterations = 0;
        boolean converged = false;
        while (iterations < MAX_ITERATIONS && !converged) {
            iterations++;
            double[][] hessian = new double[dimension][dimension];
            double[] gradient = new double[dimension];
            for (int i = 0; i < rows.length; i++) {
                standardise(rows[i], mean, scale, z);
                double p = sigmoid(dot(beta, z));
                double weight = Math.max(p * (1 - p), 1e-12);
                double residual = (labels[i] ? 1 : 0) - p;
                for (int a = 0; a < dimension; a++) {
                    if (z[a] == 0) {
                        continue;
                    }
                    gradient[a] += residual * z[a];
                    double wa = weight * z[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += wa * z[b];
                    }
                }
            }
            for (int a = 0; a < dimension; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a < k) {
                    gradient[a] -= penalty * beta[a];
                    hessian[a][a] += penalty;
                }
                if (a < k && scale[a] == 0) {
                    // Without spread the column is 0 everywhere; pin its coefficient.
                    hessian[a][a] = 1;
                    gradient[a] = 0;
                }
            }
            RealVector step = new CholeskyDecomposition(MatrixUtils.createRealMatrix(hessian), 1e-14, 1e-14)
                    .getSolver().solve(MatrixUtils.createRealVector(gradient));
            double largest = 0;
            for (int a = 0; a < dimension; a++) {
                beta[a] += step.getEntry(a);
                largest = Math.max(largest, Math.abs(step.getEntry(a)));
            }
            converged = largest < TOLERANCE;
        }
        return new Fitted(featureNames, mean, scale, beta, penalty, iterations, converged);
    }

    private static void standardise(double[] row, double[] mean, double[] scale, double[] into) {
        for (int j = 0; j < mean.length; j++) {
            into[j] = Double.isNaN(row[j]) || scale[j] == 0 ? 0 : (row[j] - mean[j]) / scale[j];
        }
        into[mean.length] = 1;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double sigmoid(double logOdds) {
        return logOdds >= 0 ? 1 / (1 + Math.exp(-logOdds)) : Math.exp(logOdds) / (1 + Math.exp(logOdds));
    }

    private record Fitted(List<String> featureNames, double[] mean, double[] scale, double[] beta, double penalty,
                          int iterations, boolean converged) implements Model {

        @Override
        public double probability(double[] row) {
            double[] z = new double[beta.length];
            standardise(row, mean, scale, z);
            return sigmoid(dot(beta, z));
        }

        @Override
        public double[] contributions(double[] row) {
            double[] z = new double[beta.length];
            standardise(row, mean, scale, z);
            double[] contributions = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                contributions[j] = beta[j] * z[j];
            }
            return contributions;
        }

        @Override
        public ObjectNode parameters() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("method", "logistic_regression");
            node.put("penalty", penalty);
            node.put("iterations", iterations);
            node.put("converged", converged);
            node.put("intercept", beta[mean.length]);
            ObjectNode coefficients = node.putObject("coefficients");
            ObjectNode means = node.putObject("means");
            ObjectNode scales = node.putObject("scales");
            for (int j = 0; j < mean.length; j++) {
                coefficients.put(featureNames.get(j), beta[j]);
                means.put(featureNames.get(j), mean[j]);
                scales.put(featureNames.get(j), scale[j]);
            }
            return node;
        }
    }
}
