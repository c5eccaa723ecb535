package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void aucCountsTiedPairsAsHalf() {
        // Pairs (positive, negative): (0.4, 0.1) 1, (0.4, 0.4) ½, (0.8, 0.1) 1, (0.8, 0.4) 1: 3.5 of 4.
        double auc = ClassificationMetrics.auc(new double[] {0.1, 0.4, 0.4, 0.8}, new double[] {0, 0, 1, 1});

        assertThat(auc).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void aucIsOneForAPerfectOrderingAndOneHalfForConstantScores() {
        double[] labels = {0, 1, 0, 1};

        assertThat(ClassificationMetrics.auc(new double[] {1, 4, 2, 3}, labels)).isEqualTo(1.0);
        assertThat(ClassificationMetrics.auc(new double[] {4, 1, 3, 2}, labels)).isEqualTo(0.0);
        assertThat(ClassificationMetrics.auc(new double[] {7, 7, 7, 7}, labels)).isEqualTo(0.5);
    }

    @Test
    void liftComparesTheTopTenthWithTheWhole() {
        // 20 rows, 5 positives; the 2 highest scores are both positive: (2/2) / (5/20) = 4.
        double[] scores = new double[20];
        double[] labels = new double[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i;
        }
        labels[19] = 1;
        labels[18] = 1;
        labels[3] = 1;
        labels[2] = 1;
        labels[1] = 1;

        assertThat(ClassificationMetrics.liftTopDecile(scores, labels)).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void liftRoundsTheTopTenthUpToWholeRows() {
        // 11 rows: the top tenth is 2 rows, one of them positive; 2 positives in all: (1/2) / (2/11).
        double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] labels = {0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};

        assertThat(ClassificationMetrics.liftTopDecile(scores, labels)).isCloseTo(2.75, within(1e-12));
    }

    @Test
    void calibrationErrorWeighsEachBinByItsRows() {
        // Bin 0: predicted 0.05, observed 0.5, 2 of 4 rows; bin 9: predicted 0.95, observed 1, 2 of 4 rows.
        double ece = ClassificationMetrics.expectedCalibrationError(new double[] {0.05, 0.05, 0.95, 0.95},
                new double[] {0, 1, 1, 1}, 10);

        assertThat(ece).isCloseTo(0.5 * 0.45 + 0.5 * 0.05, within(1e-12));
    }

    @Test
    void brierIsTheMeanSquaredError() {
        double brier = ClassificationMetrics.brier(new double[] {0.2, 0.9, 0.5}, new double[] {0, 1, 1});

        assertThat(brier).isCloseTo((0.04 + 0.01 + 0.25) / 3, within(1e-12));
    }

    @Test
    void refusesMalformedInput() {
        assertThatThrownBy(() -> ClassificationMetrics.auc(new double[] {0.1, 0.2}, new double[] {0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 scores but 3 labels");
        assertThatThrownBy(() -> ClassificationMetrics.auc(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scores");
        assertThatThrownBy(() -> ClassificationMetrics.auc(new double[] {0.1, 0.2}, new double[] {0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 1 must be 0 or 1");
        assertThatThrownBy(() -> ClassificationMetrics.auc(new double[] {0.1, 0.2}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
        assertThatThrownBy(() -> ClassificationMetrics.brier(new double[] {1.2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in [0, 1]");
        assertThatThrownBy(() -> ClassificationMetrics.liftTopDecile(new double[] {0.1, 0.2}, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
