package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ItemKnnTest {

    // Item 0: people A, B; item 1: A, B, C; item 2: B, C; item 3: D alone.
    private final Interactions buys = Fixtures.matrix(4, Fixtures.row(0, 1), Fixtures.row(0, 1, 2),
            Fixtures.row(1, 2), Fixtures.row(3));

    @Test
    void similarityIsShrunkCosineOfTheBuyers() {
        ItemKnn knn = ItemKnn.train(buys, new ItemKnn.Parameters(10, 1), Fixtures.window(buys));

        assertThat(knn.similarity(0, 1)).isCloseTo(2 / (Math.sqrt(2 * 3) + 1), within(1e-6));
        assertThat(knn.similarity(0, 2)).isCloseTo(1 / (Math.sqrt(2 * 2) + 1), within(1e-6));
        assertThat(knn.similarity(1, 2)).isCloseTo(2 / (Math.sqrt(3 * 2) + 1), within(1e-6));
        assertThat(knn.similarity(0, 3)).isZero();
        assertThat(knn.similarity(1, 1)).as("an item is not its own neighbour").isZero();
    }

    @Test
    void aPersonScoresTheSumOfSimilaritiesToTheirItemsWithTheStrongestAsEvidence() {
        ItemKnn knn = ItemKnn.train(buys, new ItemKnn.Parameters(10, 0), Fixtures.window(buys));
        PersonHistory history = PersonHistory.of(Fixtures.NOW, 0, 2);

        double[] scores = new double[4];
        knn.score(history, scores);

        assertThat(scores[1]).isCloseTo(2 / Math.sqrt(6) + 2 / Math.sqrt(6), within(1e-6));
        assertThat(scores[0]).isCloseTo(0.5, within(1e-6));
        assertThat(scores[3]).isZero();
        assertThat(knn.evidence(history, 1)).isZero();
        assertThat(knn.evidence(PersonHistory.of(Fixtures.NOW, 3), 1)).isEqualTo(-1);
    }

    @Test
    void keepsOnlyTheMostSimilarNeighbours() {
        ItemKnn knn = ItemKnn.train(buys, new ItemKnn.Parameters(1, 0), Fixtures.window(buys));

        double[] scores = new double[4];
        knn.similarTo(1, scores);

        // Item 1's best neighbour: items 0 and 2 tie at 2/sqrt(6); the lower index wins.
        assertThat(scores[0]).isCloseTo(2 / Math.sqrt(6), within(1e-6));
        assertThat(scores[2]).isZero();
        assertThat(scores[3]).isZero();
    }
}
