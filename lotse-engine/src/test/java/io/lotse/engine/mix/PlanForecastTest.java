package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forecasts follow planned control values; controls without a plan stay at their average. */
class PlanForecastTest {

    private static MixResult result;
    private static double[] plan;
    private static double promotionShare;
    private static final LocalDate NEXT = LocalDate.of(2026, 3, 2);

    @BeforeAll
    static void fit() {
        SyntheticMix.Drawn drawn = SyntheticMix.draw(SyntheticMix.CHANNELS, 104, 15, 3);
        MixData data = drawn.data();
        double[] promotion = new double[data.size()];
        double[] outcome = data.outcome();
        for (int t = 0; t < data.size(); t++) {
            promotion[t] = t % 6 == 0 ? 1 : 0;
            outcome[t] += 300 * promotion[t];
            promotionShare += promotion[t] / data.size();
        }
        MixData withPromotion = new MixData(data.periods(), outcome, data.channels(),
                new double[][] {data.spend(0), data.spend(1), data.spend(2), data.spend(3)},
                List.of("promotion"), new double[][] {promotion});
        result = MixFitter.fit(withPromotion, MixSettings.defaults(5).withSearch(1, 40, 12).withBootstrap(0, 10));
        plan = new double[] {1000, 1200, 700, 5000};
    }

    @Test
    void aPlannedPromotionAddsItsEffect() {
        PlanForecast average = PlanForecast.of(result, plan, NEXT, 4);
        PlanForecast promoted = PlanForecast.of(result, plan, NEXT, 4,
                Map.of("promotion", new double[] {1, 1, 0, 0}));
        PlanForecast none = PlanForecast.of(result, plan, NEXT, 4, Map.of("promotion", new double[4]));
        double perWeek = (promoted.outcome() - none.outcome()) / 2;
        assertThat(perWeek).as("the promotion's fitted effect per week").isCloseTo(300, within(60.0));
        assertThat(average.outcome()).as("without a plan the promotion stays at its share of the weeks")
                .isCloseTo(none.outcome() + 4 * perWeek * promotionShare, within(1e-6));
        assertThat(promoted.media()).isEqualTo(none.media());
    }

    @Test
    void refusesAPlanForAnUnknownControlOrOfTheWrongLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> PlanForecast.of(result, plan, NEXT, 4,
                Map.of("weather", new double[4]))).withMessageContaining("no control 'weather'");
        assertThatIllegalArgumentException().isThrownBy(() -> PlanForecast.of(result, plan, NEXT, 4,
                Map.of("promotion", new double[3]))).withMessageContaining("3 values for 4 periods");
    }
}
