package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void recoversTheCoefficientsOfALogisticModel() {
        TrainingData data = Synthetic.logistic(20_000, -0.5, new double[] {1.0, -2.0, 0.0}, 11);

        LogisticModel model = LogisticRegression.fit(data, new LogisticParameters(1e-6, 100, 1e-10));

        // Features are standard normal, so standardised coefficients are close to the true ones.
        assertThat(model.standardisedCoefficients()[0]).isCloseTo(1.0, within(0.1));
        assertThat(model.standardisedCoefficients()[1]).isCloseTo(-2.0, within(0.15));
        assertThat(model.standardisedCoefficients()[2]).isCloseTo(0.0, within(0.1));
    }

    @Test
    void explainsEachFeatureAsCoefficientTimesDistanceFromTheMean() {
        TrainingData data = Synthetic.logistic(2000, 0.0, new double[] {1.5, 0.5}, 12);
        LogisticModel model = LogisticRegression.fit(data, LogisticParameters.defaults());
        double[] row = {1.2, Double.NaN};

        double[] contributions = model.contributions(row);

        assertThat(contributions[1]).isZero();
        assertThat(model.bias() + contributions[0] + contributions[1]).isCloseTo(model.logOdds(row), within(1e-12));
        assertThat(contributions[0]).isPositive();
    }

    @Test
    void aConstantFeatureGetsNoWeight() {
        double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}, {6, 5}};
        double[] y = {0, 0, 1, 0, 1, 1};
        TrainingData data = new TrainingData(FeatureSchema.of("x", "constant"), x, y);

        LogisticModel model = LogisticRegression.fit(data, new LogisticParameters(0.0, 100, 1e-10));

        assertThat(model.standardisedCoefficients()[1]).isCloseTo(0.0, within(1e-6));
        assertThat(model.standardisedCoefficients()[0]).isPositive();
    }
}
