package io.lotse.engine.propensity;

/**
 * A fitted logistic regression on standardised features: {@code logOdds = intercept + Σ β_j (x_j − mean_j) / scale_j};
 * an unknown value counts as the training mean. Feature {@code j} contributes {@code β_j (x_j − mean_j) / scale_j},
 * the intercept is the bias.
 */
public final class LogisticModel implements ScoringModel {

    private final FeatureSchema schema;
    private final double intercept;
    private final double[] coefficients;
    private final double[] means;
    private final double[] scales;

    LogisticModel(FeatureSchema schema, double intercept, double[] coefficients, double[] means, double[] scales) {
        this.schema = schema;
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.means = means.clone();
        this.scales = scales.clone();
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public double logOdds(double[] row) {
        double score = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            score += coefficients[j] * standardised(row, j);
        }
        return score;
    }

    @Override
    public double bias() {
        return intercept;
    }

    @Override
    public double[] contributions(double[] row) {
        double[] result = new double[coefficients.length];
        for (int j = 0; j < result.length; j++) {
            result[j] = coefficients[j] * standardised(row, j);
        }
        return result;
    }

    /** The coefficients per standard deviation of each feature, in schema order. */
    public double[] standardisedCoefficients() {
        return coefficients.clone();
    }

    public double intercept() {
        return intercept;
    }

    private double standardised(double[] row, int j) {
        double value = row[j];
        return Double.isNaN(value) ? 0.0 : (value - means[j]) / scales[j];
    }
}
