package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EaseTest {

    @Test
    void twoItemsMatchTheClosedFormByHand() {
        // Item 0 bought by 2 people, item 1 by 3, both by 2: G = [[2 + λ, 2], [2, 3 + λ]], λ = 1.
        // B_01 = -P_01 / P_11 = c / (a + λ) = 2 / 3; B_10 = c / (b + λ) = 2 / 4.
        Interactions buys = Fixtures.matrix(2, Fixtures.row(0, 1), Fixtures.row(0, 1), Fixtures.row(1));

        Ease ease = Ease.train(buys, new Ease.Parameters(1), Fixtures.window(buys));

        assertThat(ease.weight(0, 1)).isCloseTo(2 / 3.0, within(1e-6));
        assertThat(ease.weight(1, 0)).isCloseTo(0.5, within(1e-6));
        assertThat(ease.weight(0, 0)).isZero();
        assertThat(ease.weight(1, 1)).isZero();
    }

    @Test
    void threeItemsMatchAnIndependentInverse() {
        Interactions buys = Fixtures.matrix(3, Fixtures.row(0, 1), Fixtures.row(0, 1, 2), Fixtures.row(1, 2),
                Fixtures.row(2), Fixtures.row(0, 2));
        double lambda = 0.5;
        double[][] g = new double[3][3];
        for (int person = 0; person < buys.people(); person++) {
            for (int i : buys.itemsOf(person)) {
                for (int j : buys.itemsOf(person)) {
                    g[i][j]++;
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            g[i][i] += lambda;
        }
        double[][] p = inverse3(g);

        Ease ease = Ease.train(buys, new Ease.Parameters(lambda), Fixtures.window(buys));

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertThat(ease.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
            }
        }
        double[] scores = new double[3];
        ease.score(PersonHistory.of(0, 0, 1), scores);
        assertThat(scores[2]).isCloseTo(-p[0][2] / p[2][2] - p[1][2] / p[2][2], within(1e-6));
        int evidence = ease.evidence(PersonHistory.of(0, 0, 1), 2);
        assertThat(evidence).isEqualTo(ease.weight(0, 2) >= ease.weight(1, 2) ? 0 : 1);
        assertThat(ease.provenance().parameters()).containsEntry("lambda", 0.5);
    }

    @Test
    void refusesAnInvalidLambda() {
        assertThatThrownBy(() -> new Ease.Parameters(0)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> new Ease.Parameters(Double.NaN)).hasMessageContaining("lambda");
    }

    private static double[][] inverse3(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inverse = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                inverse[i][j] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inverse;
    }
}
