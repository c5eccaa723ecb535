package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PairCountsTest {

    @Test
    void perfectClusteringHasPrecisionAndRecallOne() {
        var counts = PairCounts.of(
                Map.of("a:1", "p1", "e:x", "p1", "a:2", "p2"),
                Map.of("a:1", 10L, "e:x", 10L, "a:2", 20L));

        assertThat(counts.precision()).isEqualTo(1.0);
        assertThat(counts.recall()).isEqualTo(1.0);
        assertThat(counts.profiles()).isEqualTo(2);
    }

    @Test
    void overMergingLowersPrecisionAndSplittingLowersRecall() {
        // p1 has three identifiers split over two profiles; p2's identifier was merged into p1's profile
        var counts = PairCounts.of(
                Map.of("a:1", "p1", "e:x", "p1", "u:1", "p1", "a:2", "p2"),
                Map.of("a:1", 10L, "e:x", 10L, "a:2", 10L, "u:1", 11L));

        // profile 10 holds a:1, e:x, a:2: 3 pairs, 1 of them true; p1 has 3 pairs, 1 placed together
        assertThat(counts.sameProfile()).isEqualTo(3);
        assertThat(counts.together()).isEqualTo(1);
        assertThat(counts.samePerson()).isEqualTo(3);
        assertThat(counts.precision()).isEqualTo(1.0 / 3);
        assertThat(counts.recall()).isEqualTo(1.0 / 3);
    }

    @Test
    void unresolvedIdentifiersCountAsProfilesOfTheirOwn() {
        var counts = PairCounts.of(Map.of("a:1", "p1", "e:x", "p1"), Map.of("a:1", 10L));

        assertThat(counts.unresolved()).isEqualTo(1);
        assertThat(counts.profiles()).isEqualTo(2);
        assertThat(counts.recall()).isZero();
        assertThat(counts.precision()).isEqualTo(1.0);
    }
}
