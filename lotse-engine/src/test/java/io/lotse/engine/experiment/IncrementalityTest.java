package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IncrementalityTest {

    @Test
    void theUpliftOverTheHoldoutCountsTheSuccessesTheCampaignCaused() {
        // 12% of 10,000 treated converted against 10% of 1,000 held out: 2 points, 200 conversions caused
        Incrementality result = Incrementality.of(new VariantCounts("treated", 10_000, 1_200),
                new VariantCounts("holdout", 1_000, 100), 5);

        assertThat(result.treatedRate()).isCloseTo(1201.0 / 10_002, within(1e-12));
        assertThat(result.holdoutRate()).isCloseTo(101.0 / 1_002, within(1e-12));
        assertThat(result.uplift()).isCloseTo(0.0193, within(0.001));
        assertThat(result.incrementalSuccesses()).isCloseTo(193, within(10.0));
        // the holdout's 10% ± 0.95 points dominates: the difference's 95% interval is about ±1.95 points
        assertThat(result.upliftInterval().lower()).isCloseTo(-0.0002, within(0.003));
        assertThat(result.upliftInterval().upper()).isCloseTo(0.0388, within(0.003));
        assertThat(result.chanceOfPositiveEffect()).isBetween(0.96, 0.985);
        assertThat(result.relativeLift()).isCloseTo(0.2, within(0.03));
    }

    @Test
    void aCampaignThatChangesNothingHasAnEvenChance() {
        Incrementality result = Incrementality.of(new VariantCounts("treated", 5_000, 250),
                new VariantCounts("holdout", 5_000, 250), 11);

        assertThat(result.chanceOfPositiveEffect()).isCloseTo(0.5, within(1e-6));
        assertThat(result.upliftInterval().contains(0)).isTrue();
        assertThat(result.uplift()).isCloseTo(0, within(0.0005));
    }
}
