package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RfmTest {

    @Test
    void mapsTheScoreGridToTheTenSegments() {
        String[] grid = {
            // F = 1..5, from R = 5 down to R = 1
            "NEW POTENTIAL_LOYALISTS POTENTIAL_LOYALISTS CHAMPIONS CHAMPIONS",
            "PROMISING POTENTIAL_LOYALISTS POTENTIAL_LOYALISTS LOYAL LOYAL",
            "ABOUT_TO_SLEEP ABOUT_TO_SLEEP NEED_ATTENTION LOYAL LOYAL",
            "HIBERNATING HIBERNATING AT_RISK AT_RISK CANT_LOSE_THEM",
            "HIBERNATING HIBERNATING AT_RISK AT_RISK CANT_LOSE_THEM",
        };
        for (int row = 0; row < 5; row++) {
            String[] segments = grid[row].split(" ");
            for (int f = 1; f <= 5; f++) {
                assertThat(RfmSegment.of(5 - row, f)).as("R%d F%d", 5 - row, f)
                        .isEqualTo(RfmSegment.valueOf(segments[f - 1]));
            }
        }
        assertThatThrownBy(() -> RfmSegment.of(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RfmSegment.of(3, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesSegmentsInGermanAndEnglish() {
        assertThat(RfmSegment.CANT_LOSE_THEM.displayName(Locale.ENGLISH)).isEqualTo("Can't Lose Them");
        assertThat(RfmSegment.CANT_LOSE_THEM.displayName(Locale.GERMANY)).isEqualTo("Nicht verlieren");
        assertThat(RfmSegment.LOYAL.displayName(Locale.FRENCH)).isEqualTo("Loyal");
        for (RfmSegment segment : RfmSegment.values()) {
            assertThat(segment.germanName()).isNotBlank();
            assertThat(segment.englishName()).isNotBlank();
        }
    }

    @Test
    void scoresByQuintileWithMoreRecentBuyersScoringHigher() {
        List<RfmInput> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // c0 bought longest ago, least often and spent least
            customers.add(new RfmInput("c" + i, 100 - 10 * i, 1 + i, 10.0 * (i + 1)));
        }

        List<RfmScore> scores = Rfm.score(customers);

        assertThat(scores).extracting(RfmScore::code).containsExactly("111", "111", "222", "222", "333", "333",
                "444", "444", "555", "555");
        assertThat(scores.get(9).segment()).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(scores.get(0).segment()).isEqualTo(RfmSegment.HIBERNATING);
    }

    @Test
    void equalValuesShareAScoreWhateverTheOrder() {
        List<RfmInput> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // 14 one-time buyers, six buyers of 2 to 7 purchases: 14 to 19 worse customers, scores 1 + 5k/20
            customers.add(new RfmInput("c" + i, i % 4, i < 14 ? 1 : i - 12, 50));
        }

        List<RfmScore> scores = Rfm.score(customers);
        List<RfmInput> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, new Random(5));
        List<RfmScore> shuffledScores = Rfm.score(shuffled);

        assertThat(scores.subList(0, 14)).extracting(RfmScore::frequency).containsOnly(1);
        assertThat(scores.subList(14, 20)).extracting(RfmScore::frequency).containsExactly(4, 4, 5, 5, 5, 5);
        assertThat(scores).extracting(RfmScore::monetary).containsOnly(1);
        assertThat(shuffledScores).containsExactlyInAnyOrderElementsOf(scores);
        // Four recency groups of five: the most recent (0) beats 15 others, 1 + 5 * 15 / 20 = 4.
        assertThat(scores).extracting(RfmScore::recency).startsWith(4, 3, 2, 1);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> new RfmInput("c", -1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recency");
        assertThatThrownBy(() -> new RfmInput("c", 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one purchase");
        assertThat(Rfm.score(List.of())).isEmpty();
    }
}
