package io.lotse.server.mix;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Control variables per week in {@code mix_controls}. */
@Repository
class ControlStore {

    private final JdbcClient jdbc;

    ControlStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the weeks of a file; a week and control stored before take the new value. */
    @Transactional
    int save(ControlFile.Content content, String source, Instant at) {
        int written = 0;
        for (Map.Entry<LocalDate, Map<String, Double>> week : content.weeks().entrySet()) {
            for (Map.Entry<String, Double> control : week.getValue().entrySet()) {
                written += jdbc.sql("""
                                INSERT INTO mix_controls (week, control, value, source, imported_at)
                                VALUES (?, ?, ?, ?, ?)
                                ON CONFLICT (week, control) DO UPDATE SET value = EXCLUDED.value,
                                    source = EXCLUDED.source, imported_at = EXCLUDED.imported_at""")
                        .params(Date.valueOf(week.getKey()), control.getKey(), control.getValue(), source,
                                Timestamp.from(at))
                        .update();
            }
        }
        return written;
    }

    /** Every stored value by control and week (Monday). */
    Map<String, TreeMap<LocalDate, Double>> values() {
        Map<String, TreeMap<LocalDate, Double>> values = new TreeMap<>();
        jdbc.sql("SELECT control, week, value FROM mix_controls ORDER BY control, week")
                .query(rs -> {
                    values.computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
                            .put(rs.getDate(2).toLocalDate(), rs.getDouble(3));
                });
        return values;
    }

    /**
     * A control as stored.
     *
     * @param control   its name
     * @param firstWeek its first week
     * @param lastWeek  its last week
     * @param weeks     weeks with a value
     * @param mean      the average value
     */
    record ControlSummary(String control, LocalDate firstWeek, LocalDate lastWeek, long weeks, double mean) {
    }

    List<ControlSummary> summaries() {
        return new ArrayList<>(jdbc.sql("""
                        SELECT control, min(week), max(week), count(*), avg(value) FROM mix_controls
                        GROUP BY control ORDER BY control""")
                .query((rs, row) -> new ControlSummary(rs.getString(1), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate(), rs.getLong(4), rs.getDouble(5)))
                .list());
    }

    /** Removes a control with all its weeks; false when there was none. */
    boolean delete(String control) {
        return jdbc.sql("DELETE FROM mix_controls WHERE control = ?").param(control).update() > 0;
    }
}
