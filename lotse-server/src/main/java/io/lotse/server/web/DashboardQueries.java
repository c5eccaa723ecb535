package io.lotse.server.web;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the dashboard figures straight from the database, without changing anything. */
@Component
class DashboardQueries {

    private static final String TOTALS = """
            SELECT (SELECT count(*) FROM profiles WHERE merged_into IS NULL),
                   (SELECT count(*) FROM events),
                   (SELECT count(*) FROM events WHERE received_at > now() - interval '1 hour'),
                   greatest((SELECT coalesce(max(seq), 0) FROM events)
                            - coalesce((SELECT position FROM log_consumers WHERE name = 'profiles'), 0), 0)""";

    private static final String PER_HOUR = """
            WITH hours AS (
                SELECT generate_series(date_trunc('hour', now()) - interval '23 hours', date_trunc('hour', now()),
                                       interval '1 hour') AS hour),
            counted AS (
                SELECT date_trunc('hour', received_at) AS hour, count(*) AS events FROM events
                WHERE received_at >= (SELECT min(hour) FROM hours)
                GROUP BY 1)
            SELECT hours.hour, coalesce(counted.events, 0) FROM hours LEFT JOIN counted USING (hour)
            ORDER BY hours.hour""";

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Dashboard dashboard() {
        List<Dashboard.HourlyEvents> lastDay = jdbc.sql(PER_HOUR)
                .query((rs, row) -> new Dashboard.HourlyEvents(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
                .list();
        return jdbc.sql(TOTALS)
                .query((rs, row) -> new Dashboard(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        lastDay))
                .single();
    }
}
