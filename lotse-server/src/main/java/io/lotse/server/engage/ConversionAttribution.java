package io.lotse.server.engage;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attributes orders to campaigns. An {@code Order Completed} event counts for the campaign whose message the person
 * clicked last within the attribution window (last click). Every campaign the person belonged to within the window,
 * as recipient or as holdout member, also records the order unclicked, so the campaign's conversion rate can be
 * compared with its holdout's (incrementality).
 */
@Component
class ConversionAttribution implements EngageLog.LoggedEventHandler {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EngageProperties properties;

    ConversionAttribution(JdbcClient jdbc, JsonMapper json, EngageProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public Set<String> trackedEvents() {
        return Set.of("Order Completed");
    }

    @Override
    public void handle(List<EngageLog.Event> events) {
        List<EngageLog.Event> orders = events.stream().filter(event -> event.profileId() != null
                && "track".equals(event.type()) && "Order Completed".equals(event.event())).toList();
        Set<Long> reached = reachedByMessages(orders.stream().map(EngageLog.Event::profileId).distinct().toList());
        for (EngageLog.Event event : orders) {
            if (!reached.contains(event.profileId())) {
                continue;
            }
            Timestamp at = Timestamp.from(event.timestamp());
            Timestamp from = Timestamp.from(event.timestamp().minus(properties.attributionWindow()));
            Long clicked = jdbc.sql("""
                    SELECT d.id FROM engage_interactions i JOIN engage_deliveries d ON d.id = i.delivery_id
                    WHERE d.profile_id IN (SELECT id FROM profiles WHERE id = ? OR merged_into = ?)
                      AND d.kind IN ('campaign', 'journey') AND i.kind = 'click' AND i.occurred_at BETWEEN ? AND ?
                    ORDER BY i.occurred_at DESC LIMIT 1""")
                    .params(event.profileId(), event.profileId(), from, at).query(Long.class).optional().orElse(-1L);
            jdbc.sql("""
                    INSERT INTO engage_conversions (delivery_id, event_seq, campaign_id, revenue, clicked, occurred_at)
                    SELECT d.id, ?, d.campaign_id, ?, d.id = ?, ?
                    FROM engage_deliveries d
                    WHERE d.profile_id IN (SELECT id FROM profiles WHERE id = ? OR merged_into = ?)
                      AND (d.id = ? OR d.kind = 'campaign' AND d.status IN ('sent', 'held_out')
                           AND coalesce(d.sent_at, d.created_at) BETWEEN ? AND ?)
                    ON CONFLICT DO NOTHING""")
                    .params(event.seq(), event.revenue(json), clicked, at, event.profileId(), event.profileId(),
                            clicked, from, at)
                    .update();
        }
    }

    /**
     * Which of these people (counting the profiles merged into them) were sent anything at all: only their orders
     * can be conversions, and asking once per round spares every other order its two statements.
     */
    private Set<Long> reachedByMessages(List<Long> people) {
        Set<Long> reached = new HashSet<>();
        if (people.isEmpty()) {
            return reached;
        }
        Long[] ids = people.toArray(Long[]::new);
        jdbc.sql("""
                SELECT p.id, p.merged_into FROM profiles p
                WHERE (p.id = ANY(?) OR p.merged_into = ANY(?))
                  AND EXISTS (SELECT 1 FROM engage_deliveries d WHERE d.profile_id = p.id)""")
                .params(ids, ids)
                .query(rs -> {
                    long merged = rs.getLong(2);
                    reached.add(rs.wasNull() ? rs.getLong(1) : merged);
                });
        Set<Long> asked = new HashSet<>(people);
        reached.retainAll(asked);
        return reached;
    }
}
