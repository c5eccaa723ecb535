package io.lotse.engine.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every model on small paths computed by hand:
 *
 * <pre>
 *   A > B   1 conversion worth 10, 0 nulls
 *   B       1 conversion worth 20, 1 null
 *   A       0 conversions,         1 null
 * </pre>
 *
 * Markov chain: start → A ½, start → B ½; A → B ½, A → null ½; B → conversion ⅔, B → null ⅓. So
 * P(B) = ⅔, P(A) = ½ · ⅔ = ⅓ and P(conversion) = ½ · ⅓ + ½ · ⅔ = ½ (2 of 4 journeys convert). Without A:
 * ½ · ⅔ = ⅓, removal effect 1 − ⅓ / ½ = ⅓; without B: 0, removal effect 1. Shapley: v(∅) = v({A}) = 0,
 * v({B}) = ⅓, v({A, B}) = ½, so φ_A = ½ (0 − 0) + ½ (½ − ⅓) = 1/12 and φ_B = ½ · ⅓ + ½ · ½ = 5/12.
 */
class AttributionModelsTest {

    private static final List<Journey> JOURNEYS = List.of(Journey.path(List.of("A", "B"), 1, 10, 0),
            Journey.path(List.of("B"), 1, 20, 1), Journey.path(List.of("A"), 0, 0, 1));

    private static final AttributionModels.Result RESULT = AttributionModels.run(JOURNEYS, 1);

    private static void credits(String model, double a, double b, double valueA, double valueB) {
        Attribution attribution = RESULT.model(model);
        assertThat(attribution.conversions().get("A")).as(model + " A").isCloseTo(a, within(1e-12));
        assertThat(attribution.conversions().get("B")).as(model + " B").isCloseTo(b, within(1e-12));
        assertThat(attribution.value().get("A")).as(model + " value A").isCloseTo(valueA, within(1e-12));
        assertThat(attribution.value().get("B")).as(model + " value B").isCloseTo(valueB, within(1e-12));
    }

    @Test
    void firstTouchCreditsWhereTheJourneyBegan() {
        credits("first_touch", 1, 1, 10, 20);
    }

    @Test
    void lastTouchCreditsWhereItEnded() {
        credits("last_touch", 0, 2, 0, 30);
    }

    @Test
    void linearAndPositionBasedSplitATwoTouchJourneyInHalves() {
        credits("linear", 0.5, 1.5, 5, 25);
        credits("position_based", 0.5, 1.5, 5, 25);
    }

    @Test
    void timeDecayWithoutTimesHalvesPerEarlierTouch() {
        // A > B: weights ½ and 1, so A gets ⅓ of the conversion and of its value 10.
        credits("time_decay", 1.0 / 3, 5.0 / 3, 10.0 / 3, 20.0 / 3 + 20);
    }

    @Test
    void markovRemovalEffectsComeFromTheAbsorbingChain() {
        assertThat(RESULT.conversionProbability()).isCloseTo(0.5, within(1e-12));
        assertThat(RESULT.removalEffects().get("A")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RESULT.removalEffects().get("B")).isCloseTo(1, within(1e-12));
        credits("markov", 0.5, 1.5, 7.5, 22.5);
    }

    @Test
    void shapleyValuesSplitTheConversionProbabilityExactly() {
        Map<String, Double> values = Shapley.values(MarkovChain.of(JOURNEYS), 1);
        assertThat(values.get("A")).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(values.get("B")).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(RESULT.shapleyExact()).isTrue();
        credits("shapley", 1.0 / 3, 5.0 / 3, 5, 25);
    }

    @Test
    void positionBasedGivesFortyPercentToEachEnd() {
        Attribution attribution = RuleBasedModels.positionBased(List.of(Journey.path(List.of("A", "C", "D", "B"), 1,
                100, 0)), 0.4, 0.4);
        assertThat(attribution.conversions()).containsEntry("A", 0.4).containsEntry("B", 0.4);
        assertThat(attribution.conversions().get("C")).isCloseTo(0.1, within(1e-12));
        assertThat(attribution.value().get("D")).isCloseTo(10, within(1e-12));
    }

    @Test
    void timeDecayUsesTouchTimesWhenKnown() {
        // Touches 14 and 0 days before the conversion with a 7-day half-life: weights ¼ and 1.
        Attribution attribution = RuleBasedModels.timeDecay(List.of(Journey.single(List.of("A", "B"),
                new double[] {14, 0}, true, 50)), 7);
        assertThat(attribution.conversions().get("A")).isCloseTo(0.2, within(1e-12));
        assertThat(attribution.value().get("B")).isCloseTo(40, within(1e-12));
    }

    @Test
    void sampledShapleyValuesApproachTheExactOnesAndAddUp() {
        // 17 channels: beyond the exact limit. Each channel i converts alone in journeys of its own.
        List<Journey> journeys = new java.util.ArrayList<>();
        for (int i = 0; i < 17; i++) {
            journeys.add(Journey.path(List.of("c" + i), i + 1, 0, 17 - i));
        }
        journeys.add(Journey.path(List.of("c0", "c1"), 2, 0, 0));
        MarkovChain chain = MarkovChain.of(journeys);
        Map<String, Double> values = Shapley.values(chain, 42);
        double sum = values.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(Shapley.exact(17)).isFalse();
        assertThat(sum).isCloseTo(chain.conversionProbability(), within(1e-9));
        assertThat(values.get("c16")).isGreaterThan(values.get("c2"));
    }

    @Test
    void refusesJourneysWithoutTouchesOrOutcomes() {
        assertThatThrownBy(() -> Journey.path(List.of(), 1, 1, 0)).hasMessageContaining("at least one touch");
        assertThatThrownBy(() -> Journey.path(List.of("A"), -1, 0, 0)).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> AttributionModels.run(List.of(), 1)).hasMessageContaining("no journeys");
        assertThatThrownBy(() -> AttributionModels.run(List.of(Journey.path(List.of("A"), 0, 0, 0)), 1))
                .hasMessageContaining("no conversion and no null");
    }
}
