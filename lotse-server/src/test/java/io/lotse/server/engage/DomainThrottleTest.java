package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainThrottleTest {

    private static EngageProperties properties(int perMinute, Map<String, Integer> overrides) {
        return new EngageProperties(null, new EngageProperties.Mail("localhost", 25, null, null, "SMTP",
                "news@example.org", "Shop", null, 1, java.time.Duration.ofSeconds(5)),
                new EngageProperties.Dkim(null, "s", null),
                new EngageProperties.Feedback(null, 993, null, null, true, "INBOX", java.time.Duration.ofMinutes(1)),
                List.of("email"), 0.001, 0.003, 1000, perMinute, overrides, java.time.Duration.ofDays(7), 5,
                java.time.Duration.ofDays(7), "22-7", "Europe/Berlin", new EngageProperties.Ai(null, null, "m"));
    }

    @Test
    void aDomainGetsItsRateAndOtherDomainsAreNotHeldUp() {
        DomainThrottle throttle = new DomainThrottle(properties(120, Map.of("slow.example", 6)));
        Instant now = Instant.parse("2026-11-23T09:00:00Z");

        // 120 per minute: a bucket of 2, refilled at 2 per second
        assertThat(throttle.take("fast.example", now)).isNull();
        assertThat(throttle.take("fast.example", now)).isNull();
        assertThat(throttle.take("fast.example", now)).isEqualTo(now.plusMillis(500));
        assertThat(throttle.take("fast.example", now.plusMillis(500))).isNull();
        // 6 per minute: one now, the next in 10 s
        assertThat(throttle.take("slow.example", now)).isNull();
        assertThat(throttle.take("slow.example", now)).isEqualTo(now.plusSeconds(10));
        assertThat(throttle.take("other.example", now)).isNull();
    }
}
