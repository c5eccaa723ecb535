package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BetaPosteriorTest {

    @Test
    void countsUpdateTheUniformPrior() {
        BetaPosterior posterior = BetaPosterior.uniformPrior(3, 10);

        assertThat(posterior.alpha()).isEqualTo(4);
        assertThat(posterior.beta()).isEqualTo(8);
        assertThat(posterior.mean()).isCloseTo(4.0 / 12, within(1e-12));
        assertThat(posterior.observe(1, 1)).isEqualTo(new BetaPosterior(5, 9));
    }

    @Test
    void theUniformDistributionsCentralIntervalCutsBothTails() {
        Interval interval = BetaPosterior.uniformPrior(0, 0).credibleInterval(0.95);

        assertThat(interval.lower()).isCloseTo(0.025, within(1e-9));
        assertThat(interval.upper()).isCloseTo(0.975, within(1e-9));
    }

    @Test
    void drawsHaveTheDistributionsMeanAndVariance() {
        for (BetaPosterior posterior : new BetaPosterior[] {new BetaPosterior(0.5, 0.5), new BetaPosterior(2, 5),
                BetaPosterior.uniformPrior(30, 1000)}) {
            SplittableRandom random = new SplittableRandom(7);
            int n = 200_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double x = posterior.sample(random);
                assertThat(x).isBetween(0.0, 1.0);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            assertThat(mean).as("mean of " + posterior).isCloseTo(posterior.mean(), within(0.003));
            assertThat(squares / n - mean * mean).as("variance of " + posterior)
                    .isCloseTo(posterior.variance(), within(0.05 * posterior.variance()));
        }
    }

    @Test
    void theCumulativeProbabilityOfBeta2And1IsTSquared() {
        BetaPosterior posterior = new BetaPosterior(2, 1);

        assertThat(posterior.cumulativeProbability(0.5)).isCloseTo(0.25, within(1e-12));
        assertThat(posterior.cumulativeProbability(-1)).isZero();
        assertThat(posterior.cumulativeProbability(2)).isEqualTo(1);
    }

    @Test
    void badCountsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BetaPosterior.uniformPrior(5, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> new BetaPosterior(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariantCounts("b", 3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant 'b'");
    }
}
