package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Adstock transforms against cases computed by hand. */
class AdstockTest {

    @Test
    void geometricCarriesHalfOfLastWeekOver() {
        double[] adstocked = new GeometricAdstock(0.5).apply(new double[] {100, 0, 0, 50});
        assertThat(adstocked).containsExactly(100, 50, 25, 62.5);
    }

    @Test
    void geometricSteadyStateIsSpendOverOneMinusTheta() {
        GeometricAdstock adstock = new GeometricAdstock(0.75);
        assertThat(adstock.steadyStateMultiplier()).isEqualTo(4);
        assertThat(adstock.immediateShare()).isEqualTo(0.25);
        assertThat(adstock.weight(2)).isEqualTo(0.5625);
    }

    @Test
    void geometricWithoutDecayChangesNothing() {
        assertThat(new GeometricAdstock(0).apply(new double[] {3, 1, 4})).containsExactly(3, 1, 4);
    }

    @Test
    void weibullCdfWithShapeOneDecaysByExpOfTriangularNumbers() {
        // shape 1: 1 − F(j) = exp(−j/λ), so w[k] = exp(−(1 + … + k)/λ) = exp(−k(k+1)/(2λ)); λ = 2.
        WeibullAdstock adstock = new WeibullAdstock(false, 1, 2, 4);
        double[] adstocked = adstock.apply(new double[] {1, 0, 0, 0});
        assertThat(adstocked[0]).isEqualTo(1);
        assertThat(adstocked[1]).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(adstocked[2]).isCloseTo(Math.exp(-1.5), within(1e-12));
        assertThat(adstocked[3]).isCloseTo(Math.exp(-3), within(1e-12));
        assertThat(adstock.steadyStateMultiplier())
                .isCloseTo(1 + Math.exp(-0.5) + Math.exp(-1.5) + Math.exp(-3), within(1e-12));
    }

    @Test
    void weibullCdfAddsUpOverlappingSpend() {
        WeibullAdstock adstock = new WeibullAdstock(false, 1, 2, 4);
        double[] adstocked = adstock.apply(new double[] {10, 20, 0});
        assertThat(adstocked[1]).isCloseTo(10 * Math.exp(-0.5) + 20, within(1e-12));
        assertThat(adstocked[2]).isCloseTo(10 * Math.exp(-1.5) + 20 * Math.exp(-0.5), within(1e-12));
    }

    @Test
    void weibullPdfPeaksAfterTheSpendWhenTheShapeIsLarge() {
        // shape 2, scale 2: density (x/2)·exp(−x²/4) at x = 1…4, min-max normalised.
        WeibullAdstock adstock = new WeibullAdstock(true, 2, 2, 4);
        double[] f = new double[4];
        for (int x = 1; x <= 4; x++) {
            f[x - 1] = x / 2.0 * Math.exp(-x * x / 4.0);
        }
        double min = f[3];
        double max = f[0];
        double[] adstocked = adstock.apply(new double[] {1, 0, 0, 0});
        assertThat(adstocked[0]).isCloseTo(1, within(1e-12));
        assertThat(adstocked[1]).isCloseTo((f[1] - min) / (max - min), within(1e-12));
        assertThat(adstocked[2]).isCloseTo((f[2] - min) / (max - min), within(1e-12));
        assertThat(adstocked[3]).isZero();

        WeibullAdstock lagged = new WeibullAdstock(true, 4, 3, 8);
        double[] effect = lagged.apply(new double[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertThat(effect[0]).isLessThan(effect[2]);
        assertThat(lagged.immediateShare()).isLessThan(0.1);
    }

    @Test
    void robynsRelativeScaleIsAPositionInTheWindow() {
        assertThat(WeibullAdstock.fromRelativeScale(false, 1, 0.5, 5).scalePeriods()).isEqualTo(3);
        assertThat(WeibullAdstock.fromRelativeScale(false, 1, 0, 5).scalePeriods()).isEqualTo(1);
        assertThat(WeibullAdstock.fromRelativeScale(true, 1, 0.1, 157).scalePeriods()).isEqualTo(17);
    }

    @Test
    void refusesParametersOutsideTheirRange() {
        assertThatThrownBy(() -> new GeometricAdstock(1)).hasMessageContaining("0 ≤ θ < 1");
        assertThatThrownBy(() -> new WeibullAdstock(false, 0, 2, 4)).hasMessageContaining("positive shape");
        assertThatThrownBy(() -> new WeibullAdstock(false, 1, 0.5, 4)).hasMessageContaining("at least one period");
        assertThatThrownBy(() -> WeibullAdstock.fromRelativeScale(false, 1, 1.5, 4)).hasMessageContaining("[0, 1]");
    }

    @Test
    void theSearchMapsTheUnitCubeOntoRobynsRanges() {
        Adstock geometric = AdstockType.GEOMETRIC.create(new double[] {1}, 0, 10);
        assertThat(geometric).isEqualTo(new GeometricAdstock(0.9));
        WeibullAdstock cdf = (WeibullAdstock) AdstockType.WEIBULL_CDF.create(new double[] {1, 1}, 0, 101);
        assertThat(cdf.shape()).isEqualTo(2);
        assertThat(cdf.scalePeriods()).isEqualTo(11);
        assertThat(AdstockType.fromKey("Weibull_PDF")).isEqualTo(AdstockType.WEIBULL_PDF);
        assertThatThrownBy(() -> AdstockType.fromKey("linear")).hasMessageContaining("unknown adstock 'linear'");
    }
}
