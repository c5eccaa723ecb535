package io.lotse.server.mix;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads orders and campaign touches straight from the event log (read only): the {@code Order Completed} events,
 * each order counted once by its {@code order_id} (an order tracked live and imported later is one order), with
 * {@code properties.revenue}, else {@code properties.total}.
 */
@Component
class OrderQueries {

    /** The shop's time zone: weeks run from Monday 00:00 there. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final String ORDERS = """
            SELECT DISTINCT ON (coalesce(payload->'properties'->>'order_id', message_id))
                   occurred_at, user_id, anonymous_id,
                   CASE WHEN jsonb_typeof(payload->'properties'->'revenue') = 'number'
                             THEN (payload->'properties'->>'revenue')::numeric
                        WHEN jsonb_typeof(payload->'properties'->'total') = 'number'
                             THEN (payload->'properties'->>'total')::numeric
                        ELSE 0 END AS revenue
            FROM events
            WHERE type = 'track' AND event = 'Order Completed'
            ORDER BY coalesce(payload->'properties'->>'order_id', message_id), seq""";

    private final JdbcClient jdbc;

    OrderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Orders and revenue of one week (or another span).
     *
     * @param week    its Monday (or first day)
     * @param orders  distinct orders
     * @param revenue their revenue
     */
    record Week(LocalDate week, long orders, double revenue) {
    }

    /**
     * Every week with orders.
     *
     * @param weeks by Monday
     * @param first the first order's time, null without orders
     * @param last  the last order's time, null without orders
     */
    record Weeks(TreeMap<LocalDate, Week> weeks, @Nullable Instant first, @Nullable Instant last) {
    }

    Weeks weekly() {
        TreeMap<LocalDate, Week> weeks = new TreeMap<>();
        Instant[] range = new Instant[2];
        jdbc.sql("""
                        SELECT date_trunc('week', occurred_at AT TIME ZONE ?)::date, count(*), sum(revenue),
                               min(occurred_at), max(occurred_at)
                        FROM (%s) orders GROUP BY 1 ORDER BY 1""".formatted(ORDERS))
                .param(ZONE.getId())
                .query(rs -> {
                    LocalDate week = rs.getDate(1).toLocalDate();
                    weeks.put(week, new Week(week, rs.getLong(2), rs.getDouble(3)));
                    Instant first = rs.getTimestamp(4).toInstant();
                    Instant last = rs.getTimestamp(5).toInstant();
                    range[0] = range[0] == null || first.isBefore(range[0]) ? first : range[0];
                    range[1] = range[1] == null || last.isAfter(range[1]) ? last : range[1];
                });
        return new Weeks(weeks, range[0], range[1]);
    }

    /** Orders and revenue between two instants (end exclusive). */
    Week between(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*), coalesce(sum(revenue), 0) FROM (%s) orders
                        WHERE occurred_at >= ? AND occurred_at < ?""".formatted(ORDERS))
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new Week(from.atZone(ZONE).toLocalDate(), rs.getLong(1), rs.getDouble(2)))
                .single();
    }

    /**
     * A campaign touch or an order of a person, for attribution.
     *
     * @param person  the profile id (or the raw id while no profile holds it yet)
     * @param at      when
     * @param medium  the campaign's medium (touches)
     * @param source  the campaign's source (touches)
     * @param order   whether this is an order
     * @param revenue the order's revenue
     */
    record Touch(String person, Instant at, String medium, String source, boolean order, double revenue) {
    }

    /**
     * Campaign touches (events with a {@code context.campaign}) and orders between two instants, each with the
     * profile it belongs to through the identity graph (read only), so that journeys span devices.
     */
    List<Touch> touches(Instant from, Instant to) {
        List<Touch> touches = new ArrayList<>();
        jdbc.sql("""
                        SELECT coalesce(iu.profile_id::text, ia.profile_id::text, 'u:' || x.user_id,
                                        'a:' || x.anonymous_id),
                               x.occurred_at, x.medium, x.source, x.is_order, x.revenue
                        FROM (SELECT occurred_at, user_id, anonymous_id,
                                     payload->'context'->'campaign'->>'medium' AS medium,
                                     payload->'context'->'campaign'->>'source' AS source,
                                     false AS is_order, 0::numeric AS revenue
                              FROM events
                              WHERE occurred_at >= ? AND occurred_at < ?
                                AND jsonb_typeof(payload->'context'->'campaign') = 'object'
                              UNION ALL
                              SELECT occurred_at, user_id, anonymous_id, NULL, NULL, true, revenue
                              FROM (%s) orders WHERE occurred_at >= ? AND occurred_at < ?) x
                        LEFT JOIN identities iu ON iu.type = 'user_id' AND iu.value = x.user_id
                        LEFT JOIN identities ia ON ia.type = 'anonymous_id' AND ia.value = x.anonymous_id"""
                        .formatted(ORDERS))
                .params(Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    String person = rs.getString(1);
                    if (person != null) {
                        touches.add(new Touch(person, rs.getTimestamp(2).toInstant(), text(rs.getString(3)),
                                text(rs.getString(4)), rs.getBoolean(5), rs.getDouble(6)));
                    }
                });
        return touches;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
