package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Saturation curves against cases computed by hand. */
class SaturationTest {

    @Test
    void hillIsOneHalfAtKappa() {
        HillSaturation hill = new HillSaturation(2, 10);
        assertThat(hill.value(10)).isEqualTo(0.5);
        assertThat(hill.value(20)).isCloseTo(400.0 / 500, within(1e-12));
        assertThat(hill.value(5)).isCloseTo(25.0 / 125, within(1e-12));
        assertThat(hill.value(0)).isZero();
    }

    @Test
    void hillDerivativeMatchesDifferences() {
        HillSaturation hill = new HillSaturation(1.7, 300);
        for (double x : new double[] {50, 300, 900}) {
            double numeric = (hill.value(x + 1e-4) - hill.value(x - 1e-4)) / 2e-4;
            assertThat(hill.derivative(x)).isCloseTo(numeric, within(1e-8));
        }
        assertThat(new HillSaturation(1, 4).derivative(0)).isEqualTo(0.25);
        assertThat(new HillSaturation(2, 4).derivative(0)).isZero();
    }

    @Test
    void robynsInflexionPlacesKappaBetweenTheSmallestAndLargestAdstock() {
        double[] adstocked = {100, 300, 200, 500};
        assertThat(HillSaturation.fromInflexion(1, 0.5, adstocked).kappa()).isEqualTo(300);
        assertThat(HillSaturation.fromInflexion(1, 1, adstocked).kappa()).isEqualTo(500);
        assertThat(HillSaturation.fromInflexion(1, 0, adstocked).kappa()).isEqualTo(100);
    }

    @Test
    void logisticIsZeroWithoutSpendAndHalfWhereExpIsOneThird() {
        LogisticSaturation logistic = new LogisticSaturation(Math.log(3));
        assertThat(logistic.value(0)).isZero();
        assertThat(logistic.value(1)).isCloseTo(0.5, within(1e-12));
        double numeric = (logistic.value(1 + 1e-5) - logistic.value(1 - 1e-5)) / 2e-5;
        assertThat(logistic.derivative(1)).isCloseTo(numeric, within(1e-8));
        assertThat(LogisticSaturation.fromRelative(2, new double[] {0, 10, 30}).mu()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void refusesImpossibleCurves() {
        assertThatThrownBy(() -> new HillSaturation(0, 1)).hasMessageContaining("positive shape");
        assertThatThrownBy(() -> new HillSaturation(1, -1)).hasMessageContaining("positive half-saturation");
        assertThatThrownBy(() -> HillSaturation.fromInflexion(1, 0.5, new double[] {0, 0}))
                .hasMessageContaining("without spend");
        assertThatThrownBy(() -> new LogisticSaturation(Double.NaN)).hasMessageContaining("positive steepness");
    }
}
