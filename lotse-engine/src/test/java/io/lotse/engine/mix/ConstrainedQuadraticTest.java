package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The non-negative ridge solve against small problems solved by hand. */
class ConstrainedQuadraticTest {

    @Test
    void anUnconstrainedProblemIsTheLinearSolve() {
        double[] b = ConstrainedQuadratic.solve(new double[][] {{2, 1}, {1, 2}}, new double[] {1, -1},
                new boolean[] {false, false});
        assertThat(b[0]).isCloseTo(1, within(1e-12));
        assertThat(b[1]).isCloseTo(-1, within(1e-12));
    }

    @Test
    void aNegativeConstrainedCoefficientStaysAtZeroAndTheOtherAdjusts() {
        // Unconstrained (1, −1); with b₂ ≥ 0: b₂ = 0 and b₁ = c₁ / G₁₁ = 0.5, gradient of b₂ −1.5 < 0.
        double[] b = ConstrainedQuadratic.solve(new double[][] {{2, 1}, {1, 2}}, new double[] {1, -1},
                new boolean[] {true, true});
        assertThat(b[0]).isCloseTo(0.5, within(1e-12));
        assertThat(b[1]).isZero();
    }

    @Test
    void freeCoefficientsMayTurnNegative() {
        double[] b = ConstrainedQuadratic.solve(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
                new double[] {1, -2, -3}, new boolean[] {true, false, true});
        assertThat(b).containsExactly(1, -2, 0);
    }

    @Test
    void theSolutionSatisfiesTheOptimalityConditions() {
        double[][] gram = {{4, 1, 0.5, 0.2}, {1, 3, 0.3, 0.1}, {0.5, 0.3, 2, 0.4}, {0.2, 0.1, 0.4, 1}};
        double[] linear = {-1, 2, -0.5, 1};
        boolean[] constrained = {true, true, true, false};
        double[] b = ConstrainedQuadratic.solve(gram, linear, constrained);
        for (int j = 0; j < b.length; j++) {
            double gradient = linear[j];
            for (int k = 0; k < b.length; k++) {
                gradient -= gram[j][k] * b[k];
            }
            if (!constrained[j] || b[j] > 0) {
                assertThat(gradient).as("stationary in %d", j).isCloseTo(0, within(1e-10));
            } else {
                assertThat(gradient).as("no descent into %d", j).isLessThanOrEqualTo(1e-10);
                assertThat(b[j]).isZero();
            }
        }
    }
}
