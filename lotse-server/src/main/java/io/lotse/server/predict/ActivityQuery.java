package io.lotse.server.predict;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * Imported orders are {@code Order Completed} events in the log like any other. Event names are compared
 * trimmed, in lower case, with underscores as spaces (see {@link #normalisedName}). Per day it counts events, page and screen
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

    /**
     * An event name as the log is matched against it: trimmed, ASCII letters in lower case (as PostgreSQL's
     * {@code lower} in the C collation, which is several times cheaper per event than a linguistic one),
     * underscores as spaces.
     */
    static String normalisedName(String event) {
        StringBuilder name = new StringBuilder(event.strip());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            name.setCharAt(i, c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c == '_' ? ' ' : c);
        }
        return name.toString();
    }

    /**
     * Reads the activity of the window. The query runs in a read-only transaction with a larger {@code work_mem}
     * (so that the aggregation stays in memory) and parallel workers made cheaper (the scan of the log and the
     * first aggregation split across cores).
     */
    Activity read(TrainingWindow window, ZoneId zone, List<String> targetEvents) {
        Activity.Builder builder = Activity.builder(targetEvents, window.lastDay(zone));
        List<Object> params = new ArrayList<>();
        StringBuilder targetCounts = new StringBuilder();
        StringBuilder targetSums = new StringBuilder();
        for (int t = 0; t < targetEvents.size(); t++) {
            targetCounts.append(", count(*) FILTER (WHERE name = ?) AS target_").append(t);
            targetSums.append(", sum(d.target_").append(t).append(')');
            params.add(normalisedName(targetEvents.get(t)));
        }
        params.add(zone.getId());
        params.add(Timestamp.from(window.end()));
        if (window.start() != null) {
            params.add(Timestamp.from(window.start()));
        }
        String sql = DAYS.replace("/*targets*/", targetCounts).replace("/*target sums*/", targetSums)
                .replace("/*since*/", window.start() == null ? "" : " AND e.occurred_at >= ?");
        int targetCount = targetEvents.size();
        readOnly.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL work_mem = '256MB'");
            jdbc.execute("SET LOCAL parallel_setup_cost = 10");
            jdbc.execute("SET LOCAL parallel_tuple_cost = 0.001");
            jdbc.query(sql, rs -> {
                int[] counts = new int[targetCount];
                for (int t = 0; t < targetCount; t++) {
                    counts[t] = rs.getInt(10 + t);
                }
                builder.add(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6),
                        rs.getInt(7), rs.getInt(8), rs.getInt(9), counts);
            }, params.toArray());
        });
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

    /**
     * Events are first summed per user id, anonymous id and day (a narrow row instead of the payload, and far
     * fewer rows), then joined with the identity graph and summed per profile and day.
     */
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
            ), per_id AS (
                SELECT user_id, anonymous_id, day, count(*) AS events,
                       count(*) FILTER (WHERE type IN ('page', 'screen')) AS views,
                       count(*) FILTER (WHERE name = 'order completed') AS orders,
                       sum(CASE WHEN abs(order_value) < 1e12 THEN order_value END) AS revenue,
                       count(*) FILTER (WHERE name IN ('email delivered', 'email sent')) AS emails_sent,
                       count(*) FILTER (WHERE name = 'email opened') AS emails_opened,
                       count(*) FILTER (WHERE name = 'email link clicked') AS emails_clicked/*targets*/
                FROM (
                    SELECT e.user_id, e.anonymous_id, e.type, n.name,
                           (e.occurred_at AT TIME ZONE ?)::date - DATE '1970-01-01' AS day,
                           CASE WHEN n.name = 'order completed' THEN %s END AS order_value
                    FROM events e
                    CROSS JOIN LATERAL (SELECT CASE WHEN e.type = 'track' THEN
                                            lower(replace(btrim(e.event COLLATE "C", E' \\t\\n\\r'), '_', ' '))
                                        END AS name) n
                    CROSS JOIN LATERAL (SELECT e.payload->'properties' AS p) properties
                    WHERE e.occurred_at < ?/*since*/
                ) logged
                GROUP BY user_id, anonymous_id, day
            )
            SELECT coalesce(u.profile_id, a.profile_id) AS profile_id, d.day, sum(d.events), sum(d.views),
                   sum(d.orders), coalesce(sum(d.revenue), 0), sum(d.emails_sent), sum(d.emails_opened),
                   sum(d.emails_clicked)/*target sums*/
            FROM per_id d
            LEFT JOIN user_owner u ON u.value = d.user_id
            LEFT JOIN anonymous_owner a ON a.value = d.anonymous_id
            WHERE coalesce(u.profile_id, a.profile_id) IS NOT NULL
            GROUP BY 1, 2
            ORDER BY 1, 2""".formatted(ORDER_VALUE);
}
