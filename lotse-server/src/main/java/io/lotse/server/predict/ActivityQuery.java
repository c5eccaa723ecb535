package io.lotse.server.predict;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads what every live profile did per day, in one pass over the event log grouped by profile and day.
 *
 * <p>An event belongs to the live profile owning its user id, else its anonymous id (through the identity
 * graph, following {@code profiles.merged_into} to the surviving profile), as the profile projection assigns it.
 * Imported orders are {@code Order Completed} events in the log like any other. Event names are compared as the
 * profile projection does: trimmed, lower case, underscores as spaces. Per day it counts events, page and screen
 * views, orders and their value ({@code revenue}, else {@code total}, as a number or numeric text; values of
 * 10¹² or more are taken as 0, as the profile figures do), emails delivered or sent, opened and clicked, and each
 * configured target event.
 */
@Component
class ActivityQuery {

    /** Rows fetched per round trip; the result is streamed, never held by the driver as a whole. */
    private static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    ActivityQuery(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
    }

    /** The event names as the log is matched against them: trimmed, lower case, underscores as spaces. */
    static String normalisedName(String event) {
        return event.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    Activity read(TrainingWindow window, java.time.ZoneId zone, List<String> targetEvents) {
        Activity.Builder builder = Activity.builder(targetEvents, window.lastDay(zone));
        List<Object> params = new ArrayList<>();
        params.add(zone.getId());
        params.add(Timestamp.from(window.end()));
        if (window.start() != null) {
            params.add(Timestamp.from(window.start()));
        }
        StringBuilder targetColumns = new StringBuilder();
        for (String target : targetEvents) {
            targetColumns.append(",\n       count(*) FILTER (WHERE name = ?)");
            params.add(normalisedName(target));
        }
        String sql = DAYS.replace("/*since*/", window.start() == null ? "" : " AND e.occurred_at >= ?")
                .replace("/*targets*/", targetColumns);
        int targetCount = targetEvents.size();
        readOnly.executeWithoutResult(status -> jdbc.query(sql, rs -> {
            int[] counts = new int[targetCount];
            for (int t = 0; t < targetCount; t++) {
                counts[t] = rs.getInt(10 + t);
            }
            builder.add(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6),
                    rs.getInt(7), rs.getInt(8), rs.getInt(9), counts);
        }, params.toArray()));
        return builder.build();
    }

    /** A number or numeric text of an order's properties {@code p}, else null. */
    private static String number(String field) {
        return """
                CASE jsonb_typeof(p->'%1$s')
                    WHEN 'number' THEN (p->>'%1$s')::numeric
                    WHEN 'string' THEN CASE WHEN p->>'%1$s' ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?\\s*$'
                                            THEN (p->>'%1$s')::numeric ELSE 0 END
                END""".formatted(field);
    }

    private static final String ORDER_VALUE = """
            CASE WHEN jsonb_typeof(p->'revenue') IN ('number', 'string') THEN %s
                 WHEN jsonb_typeof(p->'total') IN ('number', 'string') THEN %s
                 ELSE 0 END""".formatted(number("revenue"), number("total"));

    private static final String DAYS = """
            WITH RECURSIVE live(id, root) AS (
                SELECT id, id FROM profiles WHERE merged_into IS NULL
                UNION ALL
                SELECT p.id, l.root FROM profiles p JOIN live l ON p.merged_into = l.id
            ), user_owner AS MATERIALIZED (
                SELECT i.value, l.root AS profile_id FROM identities i JOIN live l ON l.id = i.profile_id
                WHERE i.type = 'user_id'
            ), anonymous_owner AS MATERIALIZED (
                SELECT i.value, l.root AS profile_id FROM identities i JOIN live l ON l.id = i.profile_id
                WHERE i.type = 'anonymous_id'
            ), logged AS (
                SELECT coalesce(u.profile_id, a.profile_id) AS profile_id,
                       (e.occurred_at AT TIME ZONE ?)::date - DATE '1970-01-01' AS day,
                       e.type,
                       n.name,
                       CASE WHEN n.name = 'order completed' THEN %s END AS order_value
                FROM events e
                LEFT JOIN user_owner u ON u.value = e.user_id
                LEFT JOIN anonymous_owner a ON a.value = e.anonymous_id
                CROSS JOIN LATERAL (SELECT CASE WHEN e.type = 'track'
                                                THEN lower(replace(btrim(e.event, E' \\t\\n\\r'), '_', ' ')) END AS name) n
                CROSS JOIN LATERAL (SELECT e.payload->'properties' AS p) properties
                WHERE e.occurred_at < ?/*since*/
            )
            SELECT profile_id, day, count(*),
                   count(*) FILTER (WHERE type IN ('page', 'screen')),
                   count(*) FILTER (WHERE name = 'order completed'),
                   coalesce(sum(CASE WHEN abs(order_value) < 1e12 THEN order_value ELSE 0 END), 0),
                   count(*) FILTER (WHERE name IN ('email delivered', 'email sent')),
                   count(*) FILTER (WHERE name = 'email opened'),
                   count(*) FILTER (WHERE name = 'email link clicked')/*targets*/
            FROM logged
            WHERE profile_id IS NOT NULL
            GROUP BY profile_id, day
            ORDER BY profile_id, day""".formatted(ORDER_VALUE);
}
