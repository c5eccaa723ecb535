package io.lotse.engine.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Touches and conversions become journeys per person, within the lookback. */
class JourneyBuilderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Instant days(double days) {
        return T0.plusMillis((long) (days * 86_400_000));
    }

    @Test
    void aConversionEndsTheJourneyOfTheTouchesBeforeIt() {
        List<Journey> journeys = JourneyBuilder.build(List.of(
                JourneyBuilder.Event.conversion("p", days(10), 80),
                JourneyBuilder.Event.touch("p", days(3), "paid_search"),
                JourneyBuilder.Event.touch("p", days(0), "display"),
                JourneyBuilder.Event.touch("p", days(12), "email")), Duration.ofDays(30));
        assertThat(journeys).hasSize(2);
        Journey converted = journeys.get(0);
        assertThat(converted.channels()).containsExactly("display", "paid_search");
        assertThat(converted.daysBeforeEnd()).containsExactly(10, 7);
        assertThat(converted.conversions()).isEqualTo(1);
        assertThat(converted.value()).isEqualTo(80);
        assertThat(journeys.get(1).channels()).containsExactly("email");
        assertThat(journeys.get(1).nulls()).isEqualTo(1);
    }

    @Test
    void touchesOutsideTheLookbackAndConversionsWithoutTouchesAreDirect() {
        List<Journey> journeys = JourneyBuilder.build(List.of(
                JourneyBuilder.Event.touch("q", days(0), "video"),
                JourneyBuilder.Event.conversion("q", days(40), 20),
                JourneyBuilder.Event.conversion("r", days(1), 10)), Duration.ofDays(30));
        assertThat(journeys).extracting(Journey::channels).containsExactly(List.of("direct"), List.of("direct"));
    }

    @Test
    void mapsUtmMediaToChannels() {
        assertThat(JourneyBuilder.channelOf("cpc", "google")).isEqualTo("paid_search");
        assertThat(JourneyBuilder.channelOf("Paid-Social", "facebook")).isEqualTo("paid_social");
        assertThat(JourneyBuilder.channelOf("newsletter", null)).isEqualTo("email");
        assertThat(JourneyBuilder.channelOf(null, "Partner-Blog")).isEqualTo("partner-blog");
        assertThat(JourneyBuilder.channelOf("podcast", "x")).isEqualTo("podcast");
    }
}
