package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RepeatPurchaseTest {

    private static final long DAY = 86_400;

    @Test
    void onlyBoughtItemsScoreByRepeatRateFrequencyAndRecency() {
        // Item 0: both buyers bought it twice (rate 1 before smoothing); item 1: one buyer, once (rate 0).
        Interactions buys = Interactions.builder(2, 3)
                .add(0, 0, 2, Fixtures.NOW - 10 * DAY)
                .add(1, 0, 2, Fixtures.NOW)
                .add(1, 1, 1, Fixtures.NOW)
                .build();
        RepeatPurchase repeat = RepeatPurchase.train(buys, new RepeatPurchase.Parameters(10, 2),
                Fixtures.window(buys));

        // Overall repeat rate (2 + 1) / (3 + 2) = 0.6; per item with 2 pseudo-buyers:
        // item 0 (2 + 2 · 0.6) / (2 + 2) = 0.8, item 1 (0 + 2 · 0.6) / (1 + 2) = 0.4, item 2 without buyers 0.6.
        assertThat(repeat.repeatRate(0)).isCloseTo(0.8, within(1e-12));
        assertThat(repeat.repeatRate(1)).isCloseTo(0.4, within(1e-12));
        assertThat(repeat.repeatRate(2)).isCloseTo(0.6, within(1e-12));

        double[] scores = new double[3];
        repeat.score(buys.history(0, Fixtures.NOW), scores);
        // Bought twice, ten days ago: one half-life.
        assertThat(scores[0]).isCloseTo(repeat.repeatRate(0) * (1 + Math.log(2)) * 0.5, within(1e-12));
        assertThat(scores[1]).isZero();
        assertThat(scores[2]).isZero();
        assertThat(repeat.evidence(buys.history(0, Fixtures.NOW), 0)).isZero();
        assertThat(repeat.evidence(buys.history(0, Fixtures.NOW), 1)).isEqualTo(-1);
    }

    @Test
    void aMoreRecentPurchaseScoresHigher() {
        Interactions buys = Interactions.builder(1, 2)
                .add(0, 0, 1, Fixtures.NOW - 100 * DAY)
                .add(0, 1, 1, Fixtures.NOW - DAY)
                .build();
        RepeatPurchase repeat = RepeatPurchase.train(buys, RepeatPurchase.Parameters.defaults(),
                Fixtures.window(buys));

        double[] scores = new double[2];
        repeat.score(buys.history(0, Fixtures.NOW), scores);

        assertThat(scores[1]).isGreaterThan(scores[0]).isPositive();
    }
}
