package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final int[] RANKING = {7, 3, 9, 1};

    @Test
    void ndcgDiscountsHitsByTheirPosition() {
        // Hits at ranks 2 and 4: (1/log2 3 + 1/log2 5) / (1 + 1/log2 3) for two relevant items.
        double expected = (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3));

        assertThat(RankingMetrics.ndcg(RANKING, Set.of(3, 1), 4)).isCloseTo(expected, within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKING, Set.of(7), 4)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(RANKING, Set.of(1), 3)).isZero();
    }

    @Test
    void idealGainCountsAtMostKRelevantItems() {
        // Three relevant, k = 2: the ideal is two hits; the ranking has one at rank 1.
        assertThat(RankingMetrics.ndcg(RANKING, Set.of(7, 100, 101), 2))
                .isCloseTo(1 / (1 + 1 / log2(3)), within(1e-12));
    }

    @Test
    void hitRateRecallAndReciprocalRank() {
        assertThat(RankingMetrics.hitRate(RANKING, Set.of(9, 42), 3)).isEqualTo(1.0);
        assertThat(RankingMetrics.hitRate(RANKING, Set.of(9, 42), 2)).isZero();
        assertThat(RankingMetrics.recall(RANKING, Set.of(9, 42, 1, 5), 4)).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRank(RANKING, 9, 20)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(RANKING, 1, 3)).isZero();
        assertThatThrownBy(() -> RankingMetrics.ndcg(RANKING, Set.of(), 3)).hasMessageContaining("relevant");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
