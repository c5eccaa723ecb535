package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deliveries table: a row per message, written before the message is sent, so that the outcome of every
 * message is known and none is sent twice.
 */
@Component
class DeliveryStore {

    /** A message after the attempt. */
    record Outcome(long id, DeliveryStatus status, @Nullable String detail, @Nullable String messageId,
                   @Nullable Double renderMs, @Nullable String variant) {

        Outcome(long id, DeliveryStatus status, @Nullable String detail, @Nullable String messageId,
                @Nullable Double renderMs) {
            this(id, status, detail, messageId, renderMs, null);
        }

        /** This outcome with the experiment variant that was shown. */
        Outcome withVariant(@Nullable String shown) {
            return new Outcome(id, status, detail, messageId, renderMs, shown);
        }
    }

    /** A person to put into a campaign's queue. */
    record Member(long profileId, @Nullable String userId, String email, @Nullable String variant, boolean heldOut) {}

    private static final String COLUMNS = "id, kind, campaign_id, profile_id, user_id, email, variant";

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a single message about to be sent now (status sending) and returns it. */
    Delivery startSingle(DeliveryKind kind, @Nullable Long campaignId, @Nullable Long profileId,
                         @Nullable String userId, String email, @Nullable String variant) {
        Timestamp now = Timestamp.from(Instant.now());
        long id = jdbc.sql("""
                INSERT INTO engage_deliveries (kind, campaign_id, profile_id, user_id, email, domain, variant, status,
                                               not_before, created_at, claimed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?, ?) RETURNING id""")
                .params(kind.column(), campaignId, profileId, userId, email, SuppressionList.domainOf(email), variant,
                        now, now, now)
                .query(Long.class).single();
        return new Delivery(id, kind, campaignId, profileId, userId, email, variant);
    }

    /** Puts people into a campaign's queue; people already in it are left as they are. Returns how many were added. */
    int enqueue(long campaignId, List<Member> members, Instant notBefore) {
        int added = 0;
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < members.size(); from += 5_000) {
            List<Member> part = members.subList(from, Math.min(members.size(), from + 5_000));
            added += jdbc.sql("""
                    INSERT INTO engage_deliveries (kind, campaign_id, profile_id, user_id, email, domain, variant,
                                                   status, not_before, created_at)
                    SELECT 'campaign', ?, m.profile_id, m.user_id, m.email,
                           lower(substring(m.email from '@([^@]*)$')), m.variant,
                           CASE WHEN m.held_out THEN 'held_out' ELSE 'queued' END, ?, ?
                    FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                         AS m(profile_id, user_id, email, variant, held_out)
                    ON CONFLICT (campaign_id, profile_id) WHERE kind = 'campaign' DO NOTHING""")
                    .params(campaignId, Timestamp.from(notBefore), now,
                            part.stream().map(Member::profileId).toArray(Long[]::new),
                            part.stream().map(Member::userId).toArray(String[]::new),
                            part.stream().map(Member::email).toArray(String[]::new),
                            part.stream().map(Member::variant).toArray(String[]::new),
                            part.stream().map(Member::heldOut).toArray(Boolean[]::new))
                    .update();
        }
        return added;
    }

    /** Claims up to {@code limit} due messages of a campaign for sending; other senders skip them. */
    List<Delivery> claim(long campaignId, int limit) {
        return jdbc.sql("""
                UPDATE engage_deliveries SET status = 'sending', claimed_at = now()
                WHERE id IN (SELECT id FROM engage_deliveries
                             WHERE campaign_id = ? AND status = 'queued' AND not_before <= now()
                             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING""" + " " + COLUMNS)
                .params(campaignId, limit).query(this::map).list();
    }

    /** Puts claimed messages back into the queue until a later time (the receiving domain's limit was reached). */
    void defer(List<Long> ids, Instant notBefore) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE engage_deliveries SET status = 'queued', not_before = ?, claimed_at = NULL WHERE id = ANY(?)")
                    .params(Timestamp.from(notBefore), ids.toArray(Long[]::new)).update();
        }
    }

    /** Records the outcomes of sent or skipped messages. */
    void finish(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE engage_deliveries d
                SET status = o.status, detail = o.detail, message_id = o.message_id, render_ms = o.render_ms,
                    variant = coalesce(o.variant, d.variant),
                    sent_at = CASE WHEN o.status IN ('sent', 'bounced', 'failed') THEN now() END
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::real[], ?::text[])
                     AS o(id, status, detail, message_id, render_ms, variant)
                WHERE d.id = o.id""")
                .params(outcomes.stream().map(Outcome::id).toArray(Long[]::new),
                        outcomes.stream().map(o -> o.status().column()).toArray(String[]::new),
                        outcomes.stream().map(Outcome::detail).toArray(String[]::new),
                        outcomes.stream().map(Outcome::messageId).toArray(String[]::new),
                        outcomes.stream().map(o -> o.renderMs() == null ? null : o.renderMs().floatValue())
                                .toArray(Float[]::new),
                        outcomes.stream().map(Outcome::variant).toArray(String[]::new))
                .update();
    }

    /**
     * Marks messages claimed longer ago than {@code stale} and never finished as interrupted: the process that
     * claimed them stopped, and whether they went out is unknown, so they are never sent again.
     */
    int interruptStale(Duration stale) {
        return jdbc.sql("UPDATE engage_deliveries SET status = 'interrupted', detail = 'the sender stopped' "
                        + "WHERE status = 'sending' AND claimed_at < ?")
                .param(Timestamp.from(Instant.now().minus(stale))).update();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_deliveries WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    /** Whether a campaign still has messages waiting or being sent. */
    boolean hasPending(long campaignId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM engage_deliveries WHERE campaign_id = ? "
                        + "AND status IN ('queued', 'sending'))")
                .param(campaignId).query(Boolean.class).single();
    }

    /** Marketing messages sent to each of these people within the window, for the frequency cap. */
    Map<Long, Integer> recentMarketingCounts(List<Long> profileIds, Duration window) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT profile_id, count(*) FROM engage_deliveries
                WHERE profile_id = ANY(?) AND kind IN ('campaign', 'journey') AND status = 'sent' AND sent_at > ?
                GROUP BY profile_id""")
                .params(profileIds.toArray(Long[]::new), Timestamp.from(Instant.now().minus(window)))
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
        return counts;
    }

    /** Records what a recipient did with a message. */
    void interaction(long deliveryId, @Nullable Long campaignId, String kind, @Nullable String url) {
        jdbc.sql("INSERT INTO engage_interactions (delivery_id, campaign_id, kind, url, occurred_at) VALUES (?, ?, ?, ?, now())")
                .params(deliveryId, campaignId, kind, url).update();
    }

    /** Whether the delivery already has an interaction of that kind (one unsubscribe counts once). */
    boolean hasInteraction(long deliveryId, String kind) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM engage_interactions WHERE delivery_id = ? AND kind = ?)")
                .params(deliveryId, kind).query(Boolean.class).single();
    }

    void markBounced(long deliveryId, String detail) {
        jdbc.sql("UPDATE engage_deliveries SET status = 'bounced', detail = ? WHERE id = ? AND status IN ('sent', 'bounced')")
                .params(detail, deliveryId).update();
    }

    private Delivery map(ResultSet rs, int row) throws SQLException {
        long campaign = rs.getLong(3);
        Long campaignId = rs.wasNull() ? null : campaign;
        long profile = rs.getLong(4);
        Long profileId = rs.wasNull() ? null : profile;
        return new Delivery(rs.getLong(1), DeliveryKind.fromColumn(rs.getString(2)), campaignId, profileId,
                rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
