package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recommendations improve the expected outcome and carry a forecast with an interval. */
class BudgetRecommenderTest {

    private static MixResult result;

    @BeforeAll
    static void fit() {
        SyntheticMix.Drawn drawn = SyntheticMix.draw(SyntheticMix.CHANNELS, 130, 15, 5);
        result = MixFitter.fit(drawn.data(), MixSettings.defaults(3).withSearch(2, 80, 16).withBootstrap(8, 20));
    }

    @Test
    void recommendsASplitOfTheSameBudgetThatIsExpectedToDoBetter() {
        double[] current = {1500, 300, 1200, 2000};
        double budget = 5000;
        double[] lower = {0, 0, 0, 0};
        double[] upper = {5000, 5000, 5000, 5000};
        var recommendation = BudgetRecommender.recommend(result, current, budget, lower, upper,
                LocalDate.of(2026, 1, 5), 4);
        assertThat(recommendation.anchor()).containsExactly(current);
        double total = 0;
        for (double v : recommendation.recommended()) {
            total += v;
        }
        assertThat(total).isCloseTo(budget, within(1e-6));
        assertThat(recommendation.step()).isBetween(0.0, 1.0);
        var comparison = recommendation.comparison();
        assertThat(comparison.change()).isGreaterThanOrEqualTo(0);
        assertThat(comparison.relativeRange().contains(comparison.relative())).isTrue();
        assertThat(comparison.proposed().outcomeRange().contains(comparison.proposed().outcome())).isTrue();
        assertThat(comparison.current().spend()).isCloseTo(4 * budget, within(1e-6));
    }

    @Test
    void expectedCurvesAverageTheModels() {
        var curves = BudgetRecommender.expectedCurves(result);
        double manual = result.model().effect(0).response(1000);
        for (MixModel replicate : result.replicates()) {
            manual += replicate.effect(0).response(1000);
        }
        manual /= 1 + result.replicates().size();
        assertThat(curves.get(0).response(1000)).isCloseTo(manual, within(1e-9));
    }
}
