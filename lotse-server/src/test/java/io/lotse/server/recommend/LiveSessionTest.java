package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveSessionTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void keepsTheLatestViewsUpToItsLength() {
        LiveSession session = new LiveSession(2, Duration.ofMinutes(30), T);

        session.viewed("A", T);
        session.viewed("B", T.plusSeconds(10));
        session.viewed("C", T.plusSeconds(20));

        assertThat(session.views()).extracting(LiveSession.Seen::product).containsExactly("B", "C");
    }

    @Test
    void aLongPauseStartsANewVisit() {
        LiveSession session = new LiveSession(10, Duration.ofMinutes(30), T);
        session.viewed("A", T);
        session.bought(List.of("A"), T.plusSeconds(60));

        session.viewed("B", T.plusSeconds(60 + 31 * 60));

        assertThat(session.views()).extracting(LiveSession.Seen::product).containsExactly("B");
        assertThat(session.purchases()).isEmpty();
        assertThat(session.expired(T.plusSeconds(60 + 31 * 60 + 29 * 60))).isFalse();
        assertThat(session.expired(T.plusSeconds(60 + 31 * 60 + 31 * 60))).isTrue();
    }

    @Test
    void theLatestConsentChoiceByEventTimeWins() {
        LiveSession session = new LiveSession(10, Duration.ofMinutes(30), T);

        session.consent(true, T.plusSeconds(10));
        session.consent(false, T.plusSeconds(5));

        assertThat(session.consent()).isEqualTo(new LiveSession.Choice(true, T.plusSeconds(10)));
        session.consent(false, T.plusSeconds(20));
        assertThat(session.consent().granted()).isFalse();
    }
}
