package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GammaGammaTest {

    /** The published CDNOW fit. */
    private static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

    @Test
    void expectedSpendLiesBetweenThePopulationMeanAndTheCustomersOwnMean() {
        double population = CDNOW.meanSpend();
        assertThat(population).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
        CustomerSummary big = new CustomerSummary("c", 3, 20, 38, 100);
        double expected = CDNOW.expectedAverageSpend(big);
        assertThat(expected).isBetween(population, 100.0);
        // More purchases, more weight on the customer's own mean.
        CustomerSummary bigAndFrequent = new CustomerSummary("c", 12, 30, 38, 100);
        assertThat(CDNOW.expectedAverageSpend(bigAndFrequent)).isBetween(expected, 100.0);
        // Without repeat purchases: the population mean.
        assertThat(CDNOW.expectedAverageSpend(new CustomerSummary("c", 0, 0, 38, 0))).isEqualTo(population);
    }

    @Test
    void fitUsesOnlyCustomersWithValuedRepeatPurchasesAndRecoversSimulatedParameters() {
        Random random = new Random(3);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double nu = BgNbdTest.gamma(4, random) / 40;
            int x = 1 + random.nextInt(6);
            double total = 0;
            for (int k = 0; k < x; k++) {
                total += BgNbdTest.gamma(6, random) / nu;
            }
            customers.add(new CustomerSummary("c" + i, x, 10, 30, total / x));
        }
        customers.add(new CustomerSummary("once", 0, 0, 30, 0));
        customers.add(new CustomerSummary("free", 2, 10, 30, 0));

        ModelFit<GammaGamma> fit = GammaGamma.fit(customers);

        assertThat(fit.customers()).isEqualTo(3000);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().meanSpend()).isCloseTo(6 * 40 / 3.0, within(4.0));
        assertThat(fit.model().p()).isCloseTo(6, within(0.6));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> GammaGamma.fit(List.of(new CustomerSummary("c", 0, 0, 3, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat purchase");
        assertThatThrownBy(() -> new GammaGamma(1, 0.8, 10).meanSpend()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("infinite");
        assertThatThrownBy(() -> new GammaGamma(1, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CDNOW.logLikelihood(new CustomerSummary("c", 0, 0, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
