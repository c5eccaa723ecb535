package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

    @Test
    void matchesClosedForms() {
        for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.999}) {
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z
            double expected = z == 0 ? 0 : Math.log(-Math.log1p(-z) / z);
            assertThat(Hypergeometric.log2F1(1, 1, 2, z)).isCloseTo(expected, within(1e-12));
            // 2F1(a, b; b; z) = (1 - z)^-a
            assertThat(Hypergeometric.log2F1(2.5, 0.7, 0.7, z)).isCloseTo(-2.5 * Math.log1p(-z), within(1e-11));
        }
    }

    @Test
    void staysFiniteWhereTheSumExceedsTheRangeOfDoubles() {
        // (1 - z)^-a with a = 400, z = 0.9: about 10^400
        assertThat(Hypergeometric.log2F1(400, 3, 3, 0.9)).isCloseTo(400 * Math.log(10), within(1e-8));
    }

    @Test
    void refusesArgumentsOutsideItsDomainAndSaysWhenItDoesNotConverge() {
        assertThatThrownBy(() -> Hypergeometric.log2F1(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= z < 1");
        assertThatThrownBy(() -> Hypergeometric.log2F1(-1, 1, 2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.log2F1(1, 1, 1, 1 - 1e-9)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("did not converge");
    }
}
