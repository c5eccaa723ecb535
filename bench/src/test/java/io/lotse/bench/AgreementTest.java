package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void measuresErrorsAndCorrelations() {
        double[] x = {1, 2, 3, 4};
        assertThat(Agreement.meanAbsoluteError(x, new double[] {1, 2, 3, 6})).isEqualTo(0.5);
        assertThat(Agreement.pearson(x, new double[] {2, 4, 6, 8})).isCloseTo(1, within(1e-12));
        assertThat(Agreement.pearson(x, new double[] {8, 6, 4, 2})).isCloseTo(-1, within(1e-12));
        assertThat(Agreement.pearson(x, new double[] {3, 3, 3, 3})).isNaN();
        // Monotone but not linear: rank correlation 1.
        assertThat(Agreement.spearman(x, new double[] {1, 10, 100, 1000})).isCloseTo(1, within(1e-12));
        assertThat(Agreement.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void areaUnderCurveCountsTiesAsHalf() {
        assertThat(Agreement.areaUnderCurve(new double[] {0.9, 0.8, 0.2, 0.1},
                new boolean[] {true, true, false, false})).isEqualTo(1);
        assertThat(Agreement.areaUnderCurve(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}))
                .isEqualTo(0.5);
        assertThat(Agreement.areaUnderCurve(new double[] {0.3, 0.4}, new boolean[] {true, true})).isNaN();
    }
}
