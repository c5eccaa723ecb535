package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    /** Two groups: people 0-4 buy among items 0-3, people 5-9 among items 4-7. */
    private static Interactions twoGroups() {
        int[][] rows = new int[10][];
        for (int person = 0; person < 10; person++) {
            int base = person < 5 ? 0 : 4;
            rows[person] = new int[] {base + person % 4, base + (person + 1) % 4, base + (person + 2) % 4};
        }
        return Fixtures.matrix(8, rows);
    }

    @Test
    void learnsTheGroupStructure() {
        Interactions buys = twoGroups();
        ImplicitAls als = ImplicitAls.train(buys, new ImplicitAls.Parameters(4, 0.1, 10, 20, 3, 7),
                Fixtures.window(buys));

        double[] scores = new double[8];
        // Person 0 bought 0, 1, 2: item 3 of the own group ranks above every item of the other group.
        als.score(buys.history(0, Fixtures.NOW), scores);
        for (int other = 4; other < 8; other++) {
            assertThat(scores[3]).isGreaterThan(scores[other]);
        }
        assertThat(als.evidence(buys.history(0, Fixtures.NOW), 3)).isBetween(0, 2);
    }

    @Test
    void conjugateGradientSolvesAPersonsSystemExactlyInFactorsSteps() {
        // Y = [[1, 0], [0, 2], [1, 1]], λ = 0.5; the person has item 0 with confidence 3 and item 2 with 2.
        // A = YᵀY + λI + 2·y0y0ᵀ + 1·y2y2ᵀ = [[5.5, 2], [2, 6.5]], b = 3·y0 + 2·y2 = [5, 2],
        // x = A⁻¹b = [28.5, 1] / 31.75.
        double[] y = {1, 0, 0, 2, 1, 1};
        double[] gram = ImplicitAls.gramPlusRegularisation(y, 3, 2, 0.5);
        double[] x = {0, 0};

        ImplicitAls.conjugateGradient(x, 0, y, gram, new int[] {0, 2}, new double[] {3, 2}, 2, 2);

        assertThat(x[0]).isCloseTo(28.5 / 31.75, within(1e-9));
        assertThat(x[1]).isCloseTo(1 / 31.75, within(1e-9));
    }

    @Test
    void aTrainingPersonsVectorIsCloseToTheExactFoldIn() {
        Interactions buys = twoGroups();
        ImplicitAls als = ImplicitAls.train(buys, new ImplicitAls.Parameters(3, 0.5, 2, 40, 3, 11),
                Fixtures.window(buys));

        for (int person : new int[] {0, 7}) {
            double[] folded = als.foldIn(buys.history(person, Fixtures.NOW));
            double[] learnt = als.personFactors(person);
            for (int f = 0; f < 3; f++) {
                // The last half-step moved the items, so the learnt vectors lag the fold-in by that step only.
                assertThat(learnt[f]).isCloseTo(folded[f], within(0.02));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Interactions buys = twoGroups();
        ImplicitAls.Parameters parameters = new ImplicitAls.Parameters(4, 0.1, 10, 5, 3, 42);
        ImplicitAls first = ImplicitAls.train(buys, parameters, Fixtures.window(buys));
        ImplicitAls second = ImplicitAls.train(buys, parameters, Fixtures.window(buys));
        ImplicitAls other = ImplicitAls.train(buys, new ImplicitAls.Parameters(4, 0.1, 10, 5, 3, 43),
                Fixtures.window(buys));

        assertThat(second.personFactors(3)).containsExactly(first.personFactors(3));
        assertThat(other.personFactors(3)).isNotEqualTo(first.personFactors(3));
        assertThat(first.provenance().seed()).isEqualTo(42);
        assertThat(first.provenance().metrics()).containsKey("loss");
    }

    @Test
    void anUnknownPersonIsFoldedInFromTheirHistory() {
        Interactions buys = twoGroups();
        ImplicitAls als = ImplicitAls.train(buys, new ImplicitAls.Parameters(4, 0.1, 10, 20, 3, 7),
                Fixtures.window(buys));

        double[] scores = new double[8];
        als.score(PersonHistory.of(Fixtures.NOW, 5, 6), scores);

        assertThat(scores[7]).isGreaterThan(scores[0]).isGreaterThan(scores[1] - 1);
        double[] empty = new double[8];
        als.score(PersonHistory.empty(Fixtures.NOW), empty);
        assertThat(empty).containsOnly(0.0);
    }
}
