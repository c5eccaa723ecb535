package io.lotse.server.collect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.lotse.server.platform.LotseProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The append-only event log: every collected event, in the order it was committed.
 *
 * <p>Everything else in Lotse (identities, profiles, scores) is derived from it and can be rebuilt from it.
 */
@Service
public class EventLog {

    private static final String COLUMNS =
            "seq, message_id, type, event, user_id, anonymous_id, occurred_at, received_at, payload::text";

    private final EventLogWriter writer;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Duration appendTimeout;

    EventLog(EventLogWriter writer, JdbcClient jdbc, JsonMapper json, LotseProperties properties) {
        this.writer = writer;
        this.jdbc = jdbc;
        this.json = json;
        this.appendTimeout = properties.ingest().appendTimeout();
    }

    /**
     * Appends events durably; returns once they are committed. Events whose message id is already in the log
     * are counted as duplicates and not stored again.
     *
     * @throws EventLogUnavailableException when the events could not be committed in time; none of them may be
     *                                      assumed stored, and a retry with the same message ids is safe
     */
    public AppendResult append(List<CollectedEvent> events) {
        return appendStored(events.stream().map(writer::stored).toList());
    }

    /** Appends events in the stored form the tracking API prepared. */
    AppendResult appendStored(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return new AppendResult(0, 0);
        }
        try {
            return writer.submit(events).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException("interrupted while appending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventLogUnavailableException("the event log could not store the events", e);
        }
    }

    /**
     * Up to {@code limit} events after a log position, in log order, each payload holding only what identity
     * resolution and profiles use: the ids,
     * {@code traits} of identify calls (and a {@code consent} object in other calls' traits), {@code previousId},
     * {@code context.traits.email}, {@code .phone} and {@code .consent}, {@code context.device.id},
     * {@code context.externalIds}, {@code context.consent} and, for track calls, {@code properties.revenue} and
     * {@code properties.total} and {@code properties.category}. The fields are extracted by the database and only non-empty JSON is parsed, so
     * that the profile projection stays ahead of ingestion. Events this process appended a moment ago come from
     * memory instead, alike except that a track event carries all its {@code properties}.
     */
    public List<LoggedEvent> readProfileFieldsAfter(long position, int limit) {
        List<RecentAppends.Entry> recent = writer.recent().after(position, limit);
        if (recent != null) {
            return recent.stream().map(RecentAppends.Entry::profileFields).toList();
        }
        return readProfileFieldsFromDatabase(position, limit);
    }

    /** {@link #readProfileFieldsAfter}, always from the database. */
    List<LoggedEvent> readProfileFieldsFromDatabase(long position, int limit) {
        return jdbc.sql("SELECT " + PROFILE_COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")
                .params(position, limit).query(this::mapProfileFields).list();
    }

    /**
     * The track events with one of the given names after a log position, up to and including another, in log order,
     * each with its {@code properties} as JSON text ({@code {}} when it has none).
     */
    public List<TrackedEvent> trackEventsBetween(long position, long upTo, Set<String> names) {
        List<RecentAppends.Entry> recent = writer.recent().trackEventsBetween(position, upTo, names);
        if (recent != null) {
            return recent.stream().map(entry -> {
                LoggedEvent event = entry.profileFields();
                return new TrackedEvent(event.seq(), Objects.requireNonNull(event.event()), event.userId(),
                        event.anonymousId(), event.timestamp(),
                        entry.properties() == null ? "{}" : entry.properties().toString());
            }).toList();
        }
        return jdbc.sql("""
                        SELECT seq, event, user_id, anonymous_id, occurred_at,
                               coalesce(payload->'properties', '{}')::text
                        FROM events WHERE seq > ? AND seq <= ? AND type = 'track' AND event = ANY(?)
                        ORDER BY seq""")
                .params(position, upTo, names.toArray(String[]::new))
                .query((rs, n) -> new TrackedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list();
    }

    private static final String PROFILE_COLUMNS = """
            seq, message_id, type, event, user_id, anonymous_id, occurred_at, received_at,
            CASE WHEN type = 'identify' THEN payload->'traits'
                 ELSE jsonb_build_object('consent', payload->'traits'->'consent') END::text,
            payload->>'previousId',
            payload->'context'->'traits'->>'email', payload->'context'->'traits'->>'phone',
            (payload->'context'->'traits'->'consent')::text,
            payload->'context'->'device'->>'id',
            (payload->'context'->'externalIds')::text,
            (payload->'context'->'consent')::text,
            CASE WHEN type = 'track' THEN (payload->'properties'->'revenue')::text END,
            CASE WHEN type = 'track' THEN (payload->'properties'->'total')::text END,
            CASE WHEN type = 'track' AND jsonb_typeof(payload->'properties'->'category') = 'string'
                 THEN payload->'properties'->>'category' END""";

    private LoggedEvent mapProfileFields(ResultSet rs, int row) throws SQLException {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        putText(payload, "type", rs.getString(3));
        putText(payload, "userId", rs.getString(5));
        putText(payload, "anonymousId", rs.getString(6));
        putJson(payload, "traits", rs.getString(9));
        putText(payload, "previousId", rs.getString(10));
        ObjectNode context = payload.putObject("context");
        ObjectNode contextTraits = context.putObject("traits");
        putText(contextTraits, "email", rs.getString(11));
        putText(contextTraits, "phone", rs.getString(12));
        putJson(contextTraits, "consent", rs.getString(13));
        putText(context.putObject("device"), "id", rs.getString(14));
        putJson(context, "externalIds", rs.getString(15));
        putJson(context, "consent", rs.getString(16));
        ObjectNode properties = payload.putObject("properties");
        putJson(properties, "revenue", rs.getString(17));
        putJson(properties, "total", rs.getString(18));
        putText(properties, "category", rs.getString(19));
        return new LoggedEvent(rs.getLong(1), rs.getString(2), EventType.fromWire(rs.getString(3)).orElseThrow(),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(), payload);
    }

    private static void putText(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private void putJson(ObjectNode node, String field, @Nullable String value) {
        if (value != null && !value.equals("null") && !value.equals("{\"consent\": null}")) {
            node.set(field, json.readTree(value));
        }
    }

    /**
     * Events carrying any of the given user or anonymous ids, newest first, before a log position.
     *
     * @param beforeSeq only events with a lower position; {@code Long.MAX_VALUE} for the newest
     */
    public List<LoggedEvent> eventsOf(Collection<String> userIds, Collection<String> anonymousIds,
                                      long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM events WHERE seq < ? AND seq IN ("
                        + "SELECT seq FROM events WHERE user_id = ANY(?) "
                        + "UNION SELECT seq FROM events WHERE anonymous_id = ANY(?)) ORDER BY seq DESC LIMIT ?")
                .params(beforeSeq, userIds.toArray(String[]::new), anonymousIds.toArray(String[]::new), limit)
                .query(this::map).list();
    }

    /** Events carrying any of the given ids up to and including a log position, oldest first. */
    public List<LoggedEvent> eventsOfUpTo(Collection<String> userIds, Collection<String> anonymousIds,
                                          long upToSeq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM events WHERE seq <= ? AND seq IN ("
                        + "SELECT seq FROM events WHERE user_id = ANY(?) "
                        + "UNION SELECT seq FROM events WHERE anonymous_id = ANY(?)) ORDER BY seq")
                .params(upToSeq, userIds.toArray(String[]::new), anonymousIds.toArray(String[]::new))
                .query(this::map).list();
    }

    /**
     * Deletes every event carrying any of the given ids; for erasure. The events held in memory for the followers
     * are forgotten too, so that none of the deleted ones is read back.
     */
    public int deleteEventsOf(Collection<String> userIds, Collection<String> anonymousIds) {
        writer.recent().forget();
        return jdbc.sql("DELETE FROM events WHERE user_id = ANY(?) OR anonymous_id = ANY(?)")
                .params(userIds.toArray(String[]::new), anonymousIds.toArray(String[]::new)).update();
    }

    /** The position of the newest event, 0 for an empty log. */
    public long head() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM events").query(Long.class).single();
    }

    private LoggedEvent map(ResultSet rs, int row) throws SQLException {
        return new LoggedEvent(
                rs.getLong(1),
                rs.getString(2),
                EventType.fromWire(rs.getString(3)).orElseThrow(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(),
                json.readTree(rs.getString(9)));
    }
}
