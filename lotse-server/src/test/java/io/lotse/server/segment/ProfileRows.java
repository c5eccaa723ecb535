package io.lotse.server.segment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Profiles written straight into the database, each marked with a trait {@code run} unique to the test, so that
 * rules can be tried on exactly these profiles on a database other tests share.
 */
final class ProfileRows {

    private final JdbcClient jdbc;
    /** The marker trait's value. */
    final String run = UUID.randomUUID().toString();
    private final long base = 8_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
    private long next;

    ProfileRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The condition that selects this test's profiles, to combine with the condition under test. */
    String ours() {
        return "{\"trait\": \"run\", \"op\": \"eq\", \"value\": \"" + run + "\"}";
    }

    /**
     * Inserts a live profile.
     *
     * @param traits   further traits as JSON object members, e.g. {@code "country": "DE"}, or empty
     * @param consents the consents object, e.g. {@code {"email": {"granted": true, "at": "…"}}}
     */
    long profile(String traits, String consents) {
        return profile(traits, consents, 1, 0, BigDecimal.ZERO, Instant.now().minus(1, ChronoUnit.DAYS));
    }

    long profile(String traits, String consents, long events, int orders, BigDecimal revenue, Instant lastSeen) {
        long id = base + next++;
        String allTraits = "{\"run\": \"" + run + "\"" + (traits.isBlank() ? "" : ", " + traits) + "}";
        jdbc.sql("""
                        INSERT INTO profiles (id, created_at, updated_at, first_seen, last_seen, event_count,
                                              session_count, order_count, revenue, traits, consents)
                        VALUES (?, ?, now(), ?, ?, ?, 1, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(id, Timestamp.from(lastSeen.minus(400, ChronoUnit.DAYS)),
                        Timestamp.from(lastSeen.minus(400, ChronoUnit.DAYS)), Timestamp.from(lastSeen), events,
                        orders, revenue, allTraits, consents.isBlank() ? "{}" : consents)
                .update();
        return id;
    }

    static String granted(String purpose, boolean granted) {
        return "{\"" + purpose + "\": {\"granted\": " + granted + ", \"at\": \"2026-01-01T00:00:00Z\","
                + " \"messageId\": \"m\"}}";
    }

    void mergeInto(long merged, long survivor) {
        jdbc.sql("UPDATE profiles SET merged_into = ? WHERE id = ?").params(survivor, merged).update();
    }

    void scores(long profileId, @Nullable Integer churnRisk, @Nullable String rfmSegment, @Nullable Double clvPercentile) {
        jdbc.sql("""
                        INSERT INTO profile_scores (profile_id, scored_at, model_id, churn_risk, rfm_segment,
                                                    clv_percentile)
                        VALUES (?, now(), 1, ?, ?, ?)""")
                .params(profileId, churnRisk, rfmSegment, clvPercentile).update();
    }

    /** Adds track events of one day, {@code daysAgo} days before today (UTC). */
    void did(long profileId, String event, String category, int daysAgo, int count) {
        jdbc.sql("""
                        INSERT INTO profile_event_days (profile_id, day, event, category, count)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(profileId, LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo), event, category, count)
                .update();
    }
}
