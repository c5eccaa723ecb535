package io.lotse.engine.propensity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features, with step halving whenever a full step would not lower the penalised loss. Unknown values
 * are replaced by the training mean; a constant feature gets coefficient 0.
 */
public final class LogisticRegression {

    /** Keeps the Newton system solvable when λ is 0 and a feature is constant. */
    private static final double MIN_RIDGE = 1e-9;

    private LogisticRegression() {}

    /**
     * @throws IllegalArgumentException when the data hold only one outcome
     */
    public static LogisticModel fit(TrainingData data, LogisticParameters parameters) {
        data.requireBothClasses();
        double[][] rows = data.rowsView();
        double[] labels = data.labelsView();
        int n = rows.length;
        int d = data.schema().size();
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            int known = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    known++;
                }
            }
            means[j] = known == 0 ? 0.0 : sum / known;
            double squares = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    squares += (row[j] - means[j]) * (row[j] - means[j]);
                }
            }
            double deviation = known == 0 ? 0.0 : Math.sqrt(squares / known);
            scales[j] = deviation > 0 ? deviation : 1.0;
        }
        // Design matrix with the intercept in column 0.
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1.0;
            for (int j = 0; j < d; j++) {
                double value = rows[i][j];
                z[i][j + 1] = Double.isNaN(value) ? 0.0 : (value - means[j]) / scales[j];
            }
        }
        double ridge = Math.max(parameters.l2(), MIN_RIDGE);
        double[] beta = new double[d + 1];
        double positiveRate = (double) data.positives() / n;
        beta[0] = Math.log(positiveRate / (1 - positiveRate));
        double loss = penalisedLoss(z, labels, beta, ridge);
        DMatrixRMaj hessian = new DMatrixRMaj(d + 1, d + 1);
        DMatrixRMaj gradient = new DMatrixRMaj(d + 1, 1);
        DMatrixRMaj step = new DMatrixRMaj(d + 1, 1);
        for (int iteration = 0; iteration < parameters.maxIterations(); iteration++) {
            hessian.zero();
            gradient.zero();
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(z[i], beta));
                double weight = p * (1 - p);
                double residual = labels[i] - p;
                for (int a = 0; a <= d; a++) {
                    gradient.data[a] += z[i][a] * residual;
                    double weighted = weight * z[i][a];
                    for (int b = a; b <= d; b++) {
                        hessian.data[a * (d + 1) + b] += weighted * z[i][b];
                    }
                }
            }
            for (int a = 1; a <= d; a++) {
                gradient.data[a] -= ridge * beta[a];
                hessian.data[a * (d + 1) + a] += ridge;
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian.data[a * (d + 1) + b] = hessian.data[b * (d + 1) + a];
                }
            }
            if (!CommonOps_DDRM.solve(hessian, gradient, step)) {
                throw new IllegalStateException("the Newton system of the logistic regression is singular");
            }
            double fraction = 1.0;
            double[] candidate = new double[d + 1];
            double candidateLoss;
            do {
                for (int a = 0; a <= d; a++) {
                    candidate[a] = beta[a] + fraction * step.data[a];
                }
                candidateLoss = penalisedLoss(z, labels, candidate, ridge);
                fraction /= 2;
            } while (candidateLoss > loss + 1e-12 && fraction > 1e-10);
            double largestMove = 0;
            for (int a = 0; a <= d; a++) {
                largestMove = Math.max(largestMove, Math.abs(candidate[a] - beta[a]));
            }
            beta = candidate;
            loss = candidateLoss;
            if (largestMove < parameters.tolerance()) {
                break;
            }
        }
        double[] coefficients = new double[d];
        System.arraycopy(beta, 1, coefficients, 0, d);
        return new LogisticModel(data.schema(), beta[0], coefficients, means, scales);
    }

    private static double penalisedLoss(double[][] z, double[] labels, double[] beta, double ridge) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            loss += logLoss(dot(z[i], beta), labels[i]);
        }
        double squares = 0;
        for (int a = 1; a < beta.length; a++) {
            squares += beta[a] * beta[a];
        }
        return loss + ridge / 2 * squares;
    }

    private static double dot(double[] x, double[] beta) {
        double sum = 0;
        for (int a = 0; a < beta.length; a++) {
            sum += x[a] * beta[a];
        }
        return sum;
    }

    static double sigmoid(double logOdds) {
        if (logOdds >= 0) {
            return 1.0 / (1.0 + Math.exp(-logOdds));
        }
        double e = Math.exp(logOdds);
        return e / (1.0 + e);
    }

    /** −log p(label | score), computed without overflow. */
    static double logLoss(double logOdds, double label) {
        double softplus = logOdds > 0 ? logOdds + Math.log1p(Math.exp(-logOdds)) : Math.log1p(Math.exp(logOdds));
        return softplus - label * logOdds;
    }
}
