package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Raw scores that are overconfident and too high: the true log-odds are {@code 0.4 · score − 2.5}. */
    private static double[][] skewed(int rows, long seed) {
        Random random = new Random(seed);
        double[] scores = new double[rows];
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            scores[i] = 3 * random.nextGaussian();
            labels[i] = random.nextDouble() < LogisticRegression.sigmoid(0.4 * scores[i] - 2.5) ? 1 : 0;
        }
        return new double[][] {scores, labels};
    }

    private static double ece(Calibrator calibrator, double[][] sample) {
        double[] probabilities = new double[sample[0].length];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = calibrator.probability(sample[0][i]);
        }
        return ClassificationMetrics.expectedCalibrationError(probabilities, sample[1], 10);
    }

    @Test
    void calibrationLowersTheCalibrationErrorOfSkewedScoresOnNewData() {
        double[][] fit = skewed(5000, 1);
        double[][] check = skewed(5000, 2);

        double raw = ece(CalibrationMethod.NONE.fit(fit[0], fit[1]), check);
        double platt = ece(CalibrationMethod.PLATT.fit(fit[0], fit[1]), check);
        double isotonic = ece(CalibrationMethod.ISOTONIC.fit(fit[0], fit[1]), check);

        assertThat(raw).isGreaterThan(0.1);
        assertThat(platt).isLessThan(0.03);
        assertThat(isotonic).isLessThan(0.03);
    }

    @Test
    void plattScalingFindsTheTrueSlopeAndIntercept() {
        double[][] fit = skewed(20_000, 3);

        PlattScaling platt = (PlattScaling) CalibrationMethod.PLATT.fit(fit[0], fit[1]);

        assertThat(platt.slope()).isCloseTo(0.4, within(0.05));
        assertThat(platt.intercept()).isCloseTo(-2.5, within(0.15));
    }

    @Test
    void isotonicRegressionPoolsViolatorsAndGivesTiesOneValue() {
        Calibrator isotonic = CalibrationMethod.ISOTONIC.fit(new double[] {1, 2, 3, 4, 4}, new double[] {0, 1, 0, 1, 0});

        assertThat(isotonic.probability(1)).isEqualTo(0.0);
        assertThat(isotonic.probability(2)).isEqualTo(0.5);
        assertThat(isotonic.probability(2.5)).isEqualTo(0.5);
        assertThat(isotonic.probability(3)).isEqualTo(0.5);
        assertThat(isotonic.probability(4)).isEqualTo(0.5);
        assertThat(isotonic.probability(-10)).isEqualTo(0.0);
        assertThat(isotonic.probability(10)).isEqualTo(0.5);
    }

    @Test
    void refusesScoresItCannotUse() {
        assertThatThrownBy(() -> CalibrationMethod.PLATT.fit(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 scores but 1 labels");
        assertThatThrownBy(() -> CalibrationMethod.PLATT.fit(new double[] {1, Double.NaN}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> CalibrationMethod.ISOTONIC.fit(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scores");
    }
}
