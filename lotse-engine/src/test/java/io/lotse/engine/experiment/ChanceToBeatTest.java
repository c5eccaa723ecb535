package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

class ChanceToBeatTest {

    @Test
    void oneSuccessInOneTrialBeatsNoDataTwoTimesInThree() {
        // X ~ Beta(2, 1), Y ~ Beta(1, 1): P(X > Y) = ∫ 2t · t dt = 2/3
        double p = ChanceToBeat.probability(BetaPosterior.uniformPrior(1, 1), BetaPosterior.uniformPrior(0, 0));

        assertThat(p).isCloseTo(2.0 / 3, within(1e-6));
    }

    @Test
    void equalCountsAreACoinFlip() {
        BetaPosterior a = BetaPosterior.uniformPrior(37, 1000);

        assertThat(ChanceToBeat.probability(a, a)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void matchesTheClosedFormSumForIntegerShapes() {
        // Evan Miller's closed form: P(B > A) = Σ_{i<αB} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)).
        // 10 of 100 against 20 of 100: 0.97517 (computed by hand with the sum).
        BetaPosterior a = BetaPosterior.uniformPrior(10, 100);
        BetaPosterior b = BetaPosterior.uniformPrior(20, 100);

        assertThat(ChanceToBeat.probability(b, a)).isCloseTo(closedForm(a, b), within(1e-6))
                .isCloseTo(0.975173, within(1e-5));
        assertThat(ChanceToBeat.probability(a, b)).isCloseTo(1 - closedForm(a, b), within(1e-6));
    }

    @Test
    void staysAccurateForLargeCountsAndAVeryUnequalSpread() {
        BetaPosterior wide = BetaPosterior.uniformPrior(200, 2000);
        BetaPosterior narrow = BetaPosterior.uniformPrior(24_000, 200_000);

        assertThat(ChanceToBeat.probability(narrow, wide)).isCloseTo(closedForm(wide, narrow), within(1e-5));
    }

    @Test
    void refusesShapesBelowOne() {
        assertThatThrownBy(() -> ChanceToBeat.probability(new BetaPosterior(0.5, 2), new BetaPosterior(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    private static double closedForm(BetaPosterior a, BetaPosterior b) {
        double sum = 0;
        for (int i = 0; i < (int) b.alpha(); i++) {
            sum += Math.exp(Beta.logBeta(a.alpha() + i, a.beta() + b.beta()) - Math.log(b.beta() + i)
                    - Beta.logBeta(1 + i, b.beta()) - Beta.logBeta(a.alpha(), a.beta()));
        }
        return sum;
    }
}
