package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopItemsTest {

    @Test
    void bestFirstAndTiesToTheLowerIndex() {
        double[] scores = {0.5, 2, 0.5, 3, -1};

        assertThat(TopItems.top(scores, 3)).containsExactly(3, 1, 0);
        assertThat(TopItems.top(scores, 10)).containsExactly(3, 1, 0, 2, 4);
    }

    @Test
    void excludedItemsAndScoresAtOrBelowTheFloorAreLeftOut() {
        double[] scores = {0.5, 2, 0, 3, -1};

        assertThat(TopItems.top(scores, 10, item -> item == 3, 0)).containsExactly(1, 0);
        assertThat(TopItems.ranked(scores, 0)).containsExactly(3, 1, 0);
        assertThat(TopItems.top(scores, 0)).isEmpty();
    }
}
