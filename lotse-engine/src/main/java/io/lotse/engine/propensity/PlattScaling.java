package io.lotse.engine.propensity;

/**
 * Platt scaling: {@code p = σ(slope · logOdds + intercept)}, fitted by Newton's method on targets smoothed as Platt
 * (1999) proposed, {@code (N₊ + 1) / (N₊ + 2)} for positives and {@code 1 / (N₋ + 2)} for negatives, which keeps
 * the fit finite on separable scores. Newton steps are halved until they lower the loss.
 *
 * @param slope     multiplies the raw score
 * @param intercept shifts it
 */
public record PlattScaling(double slope, double intercept) implements Calibrator {

    static PlattScaling fit(double[] scores, double[] labels) {
        double positives = 0;
        for (double label : labels) {
            positives += label;
        }
        double negatives = labels.length - positives;
        double[] targets = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i] == 1.0 ? (positives + 1) / (positives + 2) : 1 / (negatives + 2);
        }
        // Start from the prior, the minimum of the loss along b alone, and take damped Newton steps.
        double a = 0.0;
        double b = Math.log((positives + 1) / (negatives + 1));
        double loss = loss(scores, targets, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < scores.length; i++) {
                double p = LogisticRegression.sigmoid(a * scores[i] + b);
                double residual = p - targets[i];
                double weight = p * (1 - p);
                ga += residual * scores[i];
                gb += residual;
                haa += weight * scores[i] * scores[i];
                hab += weight * scores[i];
                hbb += weight;
            }
            double determinant = haa * hbb - hab * hab;
            double stepA = (hbb * ga - hab * gb) / determinant;
            double stepB = (haa * gb - hab * ga) / determinant;
            if (!Double.isFinite(stepA) || !Double.isFinite(stepB)) {
                break;
            }
            double fraction = 1.0;
            double nextA;
            double nextB;
            double nextLoss;
            do {
                nextA = a - fraction * stepA;
                nextB = b - fraction * stepB;
                nextLoss = loss(scores, targets, nextA, nextB);
                fraction /= 2;
            } while (nextLoss > loss && fraction > 1e-10);
            if (nextLoss > loss) {
                break;
            }
            double moved = Math.max(Math.abs(nextA - a), Math.abs(nextB - b));
            a = nextA;
            b = nextB;
            loss = nextLoss;
            if (moved < 1e-10) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** Cross-entropy against the smoothed targets. */
    private static double loss(double[] scores, double[] targets, double a, double b) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double z = a * scores[i] + b;
            sum += targets[i] * LogisticRegression.logLoss(z, 1) + (1 - targets[i]) * LogisticRegression.logLoss(z, 0);
        }
        return sum;
    }

    @Override
    public double probability(double logOdds) {
        return LogisticRegression.sigmoid(slope * logOdds + intercept);
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.PLATT;
    }
}
