package io.lotse.simulator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MediaResponseTest {

    @Test
    void adstockCarriesSpendOverGeometrically() {
        assertThat(MediaResponse.adstock(new double[] {100, 0, 0, 50}, 0.5)).containsExactly(100, 50, 25, 62.5);
        assertThat(MediaResponse.adstock(new double[] {100, 0}, 0)).containsExactly(100, 0);
        assertThatThrownBy(() -> MediaResponse.adstock(new double[] {1}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hillIsOneHalfAtTheHalfSaturationPointAndSaturates() {
        assertThat(MediaResponse.hill(0, 100, 2)).isZero();
        assertThat(MediaResponse.hill(100, 100, 2)).isCloseTo(0.5, Offset.offset(1e-12));
        assertThat(MediaResponse.hill(200, 100, 2)).isCloseTo(0.8, Offset.offset(1e-12));
        assertThat(MediaResponse.hill(1e9, 100, 2)).isCloseTo(1, Offset.offset(1e-9));
    }

    @Test
    void derivedStreamsAreIndependentOfEachOtherAndRepeatable() {
        assertThat(Seeds.stream(42, "customer.profile", 7).nextLong())
                .isEqualTo(Seeds.stream(42, "customer.profile", 7).nextLong())
                .isNotEqualTo(Seeds.stream(42, "customer.profile", 8).nextLong())
                .isNotEqualTo(Seeds.stream(42, "customer.activity", 7).nextLong())
                .isNotEqualTo(Seeds.stream(43, "customer.profile", 7).nextLong());
    }
}
