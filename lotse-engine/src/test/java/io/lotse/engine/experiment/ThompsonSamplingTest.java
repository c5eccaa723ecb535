package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {

    @Test
    void withoutDataEveryArmGetsAnEqualShare() {
        List<VariantCounts> arms = List.of(new VariantCounts("a", 0, 0), new VariantCounts("b", 0, 0),
                new VariantCounts("c", 0, 0));

        double[] shares = ThompsonSampling.allocation(arms, 30_000, new SplittableRandom(1));

        assertThat(shares).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(0.01));
    }

    @Test
    void aClearlyBetterArmGetsAlmostAllTraffic() {
        List<VariantCounts> arms = List.of(new VariantCounts("a", 2_000, 40), new VariantCounts("b", 2_000, 100));

        double[] shares = ThompsonSampling.allocation(arms, 10_000, new SplittableRandom(2));

        assertThat(shares[1]).isGreaterThan(0.999);
        assertThat(shares[0] + shares[1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void theShareOfAnArmIsItsChanceToBeBest() {
        // 10 of 100 against 20 of 100: B is best with probability 0.975 (closed form)
        List<VariantCounts> arms = List.of(new VariantCounts("A", 100, 10), new VariantCounts("B", 100, 20));

        assertThat(ThompsonSampling.allocation(arms, 40_000, new SplittableRandom(3))[1])
                .isCloseTo(0.975, within(0.005));
    }

    @Test
    void choicesAreReproducibleWithASeed() {
        List<VariantCounts> arms = List.of(new VariantCounts("a", 10, 1), new VariantCounts("b", 10, 2));
        SplittableRandom first = new SplittableRandom(4);
        SplittableRandom second = new SplittableRandom(4);

        for (int i = 0; i < 100; i++) {
            assertThat(ThompsonSampling.choose(arms, first)).isEqualTo(ThompsonSampling.choose(arms, second));
        }
        assertThatThrownBy(() -> ThompsonSampling.choose(List.of(), first))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
