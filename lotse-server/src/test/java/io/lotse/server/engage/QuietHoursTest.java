package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private final QuietHours overnight = QuietHours.parse("22-7", "Europe/Berlin");

    @Test
    void aMessageDueAtNightWaitsForTheMorningInThePersonsZone() {
        // 23:30 in Berlin (UTC+1 in November) is quiet until 7:00 the next morning
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-23T22:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-24T05:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-24T06:00:00Z"))).isNull();
        assertThat(overnight.endIfQuiet(Instant.parse("2026-11-24T12:00:00Z"))).isNull();
    }

    @Test
    void noneSwitchesThemOffAndNonsenseIsRefused() {
        assertThat(QuietHours.parse("none", "UTC").endIfQuiet(Instant.parse("2026-11-24T03:00:00Z"))).isNull();
        assertThatThrownBy(() -> QuietHours.parse("late", "UTC")).hasMessageContaining("22-7");
        assertThatThrownBy(() -> QuietHours.parse("22-25", "UTC")).hasMessageContaining("0 to 23");
    }
}
