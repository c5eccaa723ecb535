package io.lotse.server.engage;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Limits how fast messages go to each receiving domain (a token bucket per domain), because mailbox providers
 * defer or block senders that arrive too fast. The limit is per minute, from {@code per-domain-per-minute} or a
 * per-domain override; a bucket holds at most one second of its rate, so sending is spread evenly.
 */
@Component
class DomainThrottle {

    private final int defaultPerMinute;
    private final Map<String, Integer> overrides;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    DomainThrottle(EngageProperties properties) {
        this.defaultPerMinute = properties.perDomainPerMinute();
        Map<String, Integer> lower = new java.util.HashMap<>();
        properties.domainLimits().forEach((domain, limit) -> lower.put(domain.toLowerCase(Locale.ROOT), limit));
        this.overrides = Map.copyOf(lower);
    }

    /**
     * Takes a slot for one message to the domain.
     *
     * @return null when the message may go now, else the earliest time a slot will be free
     */
    @Nullable Instant take(String domain, Instant now) {
        int perMinute = overrides.getOrDefault(domain, defaultPerMinute);
        if (perMinute <= 0) {
            return now.plus(Duration.ofMinutes(1));
        }
        return buckets.computeIfAbsent(domain, d -> new Bucket(perMinute / 60.0)).take(now);
    }

    private static final class Bucket {

        private final double perSecond;
        private final double capacity;
        private double tokens;
        private long lastNanos;
        private boolean started;

        Bucket(double perSecond) {
            this.perSecond = perSecond;
            this.capacity = Math.max(1, perSecond);
        }

        synchronized @Nullable Instant take(Instant now) {
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            if (!started) {
                tokens = capacity;
                started = true;
            } else {
                tokens = Math.min(capacity, tokens + (nanos - lastNanos) / 1e9 * perSecond);
            }
            lastNanos = nanos;
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            return now.plusNanos(waitNanos);
        }
    }
}
