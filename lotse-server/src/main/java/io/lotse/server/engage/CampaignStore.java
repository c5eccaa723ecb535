package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Stored campaigns; the audience and the experiment are kept as JSON. */
@Component
class CampaignStore {

    private static final String COLUMNS = """
            id, name, template_id, topic, audience::text, status, scheduled_at, holdout_percent, experiment::text,
            warning, stop_reason, created_at, started_at, finished_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Campaign create(String name, long templateId, String topic, Audience audience, int holdoutPercent,
                    @Nullable ExperimentPlan experiment) {
        long id = jdbc.sql("""
                INSERT INTO engage_campaigns (name, template_id, topic, audience, status, holdout_percent, experiment,
                                              created_at)
                VALUES (?, ?, ?, ?::jsonb, 'draft', ?, ?::jsonb, ?) RETURNING id""")
                .params(name.strip(), templateId, topic, audienceJson(audience), holdoutPercent,
                        experiment == null ? null : experimentJson(experiment), Timestamp.from(Instant.now()))
                .query(Long.class).single();
        return find(id).orElseThrow();
    }

    Optional<Campaign> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_campaigns WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    List<Campaign> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_campaigns ORDER BY created_at DESC").query(this::map)
                .list();
    }

    /** Campaigns that are sending, or scheduled and due. */
    List<Campaign> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_campaigns WHERE status = 'sending' "
                        + "OR (status = 'scheduled' AND scheduled_at <= now()) ORDER BY id")
                .query(this::map).list();
    }

    /** Moves a campaign from one of the given states to another; false when it was in none of them. */
    boolean transition(long id, List<CampaignStatus> from, CampaignStatus to) {
        return jdbc.sql("""
                UPDATE engage_campaigns SET status = ?,
                       started_at = CASE WHEN ? = 'sending' THEN coalesce(started_at, now()) ELSE started_at END,
                       finished_at = CASE WHEN ? IN ('sent', 'stopped') THEN now() ELSE finished_at END
                WHERE id = ? AND status = ANY(?)""")
                .params(to.column(), to.column(), to.column(), id,
                        from.stream().map(CampaignStatus::column).toArray(String[]::new))
                .update() == 1;
    }

    void schedule(long id, Instant at) {
        jdbc.sql("UPDATE engage_campaigns SET status = 'scheduled', scheduled_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id).update();
    }

    void warn(long id, String warning) {
        jdbc.sql("UPDATE engage_campaigns SET warning = ? WHERE id = ?").params(warning, id).update();
    }

    /** Stops a campaign for a reason; the messages still waiting are not sent. */
    boolean stop(long id, String reason) {
        boolean stopped = jdbc.sql("""
                UPDATE engage_campaigns SET status = 'stopped', stop_reason = ?, finished_at = now()
                WHERE id = ? AND status IN ('draft', 'scheduled', 'sending', 'paused')""")
                .params(reason, id).update() == 1;
        if (stopped) {
            jdbc.sql("UPDATE engage_deliveries SET status = 'skipped', detail = 'campaign stopped' "
                            + "WHERE campaign_id = ? AND status = 'queued'").param(id).update();
        }
        return stopped;
    }

    String audienceJson(Audience audience) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", audience.kind());
        if (audience.key() != null) {
            node.put("key", audience.key());
        }
        if (!audience.ids().isEmpty()) {
            ArrayNode ids = node.putArray("ids");
            audience.ids().forEach(ids::add);
        }
        return json.writeValueAsString(node);
    }

    static Audience audience(JsonNode node) {
        List<Long> ids = new ArrayList<>();
        node.path("ids").forEach(id -> ids.add(id.asLong()));
        String key = node.path("key").isString() ? node.path("key").stringValue() : null;
        return new Audience(node.path("kind").asString(""), key, ids);
    }

    String experimentJson(ExperimentPlan plan) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("mode", plan.mode().name().toLowerCase(Locale.ROOT));
        node.put("metric", plan.metric().name().toLowerCase(Locale.ROOT));
        ArrayNode variants = node.putArray("variants");
        for (ExperimentPlan.Variant variant : plan.variants()) {
            ObjectNode v = variants.addObject();
            v.put("name", variant.name());
            if (variant.subject() != null) {
                v.put("subject", variant.subject());
            }
            if (variant.templateId() != null) {
                v.put("templateId", variant.templateId());
            }
        }
        return json.writeValueAsString(node);
    }

    static ExperimentPlan experiment(JsonNode node) {
        List<ExperimentPlan.Variant> variants = new ArrayList<>();
        for (JsonNode v : node.path("variants")) {
            variants.add(new ExperimentPlan.Variant(v.path("name").asString(""),
                    v.path("subject").isString() ? v.path("subject").stringValue() : null,
                    v.path("templateId").isNumber() ? v.path("templateId").asLong() : null));
        }
        return new ExperimentPlan(ExperimentPlan.Mode.parse(node.path("mode").asString("ab")),
                ExperimentPlan.Metric.parse(node.path("metric").asString("click")), variants);
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        String experiment = rs.getString(9);
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                audience(json.readTree(rs.getString(5))), CampaignStatus.fromColumn(rs.getString(6)),
                instant(rs.getTimestamp(7)), rs.getInt(8),
                experiment == null ? null : experiment(json.readTree(experiment)), rs.getString(10), rs.getString(11),
                rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
