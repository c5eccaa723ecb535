package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fits on the CDNOW data reproduce the published parameters (Fader, Hardie and Lee 2005; Fader and Hardie's
 * notes on the Pareto/NBD and the Gamma-Gamma model) to 1%.
 */
class CdnowFitTest {

    @Test
    void bgNbdMatchesThePublishedFit() {
        List<CustomerSummary> customers = CdnowData.summaries();

        ModelFit<BgNbd> fit = BgNbd.fit(customers);

        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(fit.model().alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(fit.model().a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(fit.model().b()).isCloseTo(2.426, withinPercentage(1));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.1));
        assertThat(fit.model().logLikelihood(customers)).isCloseTo(fit.logLikelihood(), within(1e-6));
    }

    @Test
    void paretoNbdMatchesThePublishedFit() {
        List<CustomerSummary> customers = CdnowData.summaries();

        ModelFit<ParetoNbd> fit = ParetoNbd.fit(customers);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().r()).isCloseTo(0.553, withinPercentage(1));
        assertThat(fit.model().alpha()).isCloseTo(10.578, withinPercentage(1));
        assertThat(fit.model().s()).isCloseTo(0.606, withinPercentage(1));
        assertThat(fit.model().beta()).isCloseTo(11.669, withinPercentage(1));
        assertThat(fit.model().logLikelihood(customers)).isCloseTo(fit.logLikelihood(), within(1e-6));
    }

    @Test
    void gammaGammaMatchesThePublishedFit() {
        List<CustomerSummary> customers = CdnowData.summariesWithValues();

        ModelFit<GammaGamma> fit = GammaGamma.fit(customers);

        assertThat(fit.customers()).isEqualTo(946);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().p()).isCloseTo(6.25, withinPercentage(1));
        assertThat(fit.model().q()).isCloseTo(3.74, withinPercentage(1));
        assertThat(fit.model().gamma()).isCloseTo(15.44, withinPercentage(1));
    }
}
