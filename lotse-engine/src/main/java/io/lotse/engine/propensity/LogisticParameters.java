package io.lotse.engine.propensity;

/**
 * Hyperparameters of {@link LogisticRegression}.
 *
 * @param l2            L2 penalty on the coefficients of the standardised features (the intercept is free); the
 *                      penalty is {@code l2 / 2 · |β|²} against the summed log loss, so 1.0 is scikit-learn's
 *                      default {@code C = 1}
 * @param maxIterations Newton steps at most
 * @param tolerance     stop when no coefficient moves by more than this
 */
public record LogisticParameters(double l2, int maxIterations, double tolerance) implements ModelParameters {

    public LogisticParameters {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and not negative, was " + l2);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
        }
    }

    /** λ = 1, at most 100 Newton steps, tolerance 1e-8. */
    public static LogisticParameters defaults() {
        return new LogisticParameters(1.0, 100, 1e-8);
    }
}
