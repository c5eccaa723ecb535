package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoughtTogetherTest {

    // Baskets: {0, 1}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 3}.
    private final Interactions baskets = Fixtures.matrix(4, Fixtures.row(0, 1), Fixtures.row(0, 1),
            Fixtures.row(0, 2), Fixtures.row(1, 2), Fixtures.row(0, 1, 3));

    @Test
    void confidenceIsTheShareOfTheItemsBasketsHoldingTheOtherShrunk() {
        BoughtTogether together = BoughtTogether.train(baskets, new BoughtTogether.Parameters(10, 1, 1),
                Fixtures.window(baskets));

        // Item 0 is in 4 baskets, 3 of them with item 1: 3 / (4 + 1).
        assertThat(together.confidence(0, 1)).isCloseTo(3 / 5.0, within(1e-6));
        assertThat(together.confidence(1, 0)).isCloseTo(3 / 5.0, within(1e-6));
        assertThat(together.confidence(3, 0)).isCloseTo(1 / 2.0, within(1e-6));
        assertThat(together.confidence(0, 2)).isCloseTo(1 / 5.0, within(1e-6));
    }

    @Test
    void pairsSeenTooRarelyAreIgnored() {
        BoughtTogether together = BoughtTogether.train(baskets, new BoughtTogether.Parameters(10, 2, 0),
                Fixtures.window(baskets));

        assertThat(together.confidence(0, 2)).isZero();
        assertThat(together.confidence(0, 1)).isCloseTo(3 / 4.0, within(1e-6));
        double[] scores = new double[4];
        together.score(new int[] {0}, scores);
        assertThat(scores[1]).isCloseTo(0.75, within(1e-6));
        assertThat(scores[2]).isZero();
        assertThat(together.evidence(new int[] {2, 0}, 1)).isZero();
    }
}
