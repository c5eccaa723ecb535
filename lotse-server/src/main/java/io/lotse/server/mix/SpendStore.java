package io.lotse.server.mix;

import java.math.BigDecimal;
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

/** Spend per week and channel in {@code mix_spend}. */
@Repository
class SpendStore {

    private final JdbcClient jdbc;

    SpendStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the weeks of a file; a week and channel stored before take the new value. */
    @Transactional
    int save(SpendFile.Content content, String source, Instant at) {
        int written = 0;
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> week : content.weeks().entrySet()) {
            for (Map.Entry<String, BigDecimal> channel : week.getValue().entrySet()) {
                Long impressions = content.impressions().getOrDefault(week.getKey(), Map.of()).get(channel.getKey());
                written += jdbc.sql("""
                                INSERT INTO mix_spend (week, channel, spend, impressions, source, imported_at)
                                VALUES (?, ?, ?, ?, ?, ?)
                                ON CONFLICT (week, channel) DO UPDATE SET spend = EXCLUDED.spend,
                                    impressions = EXCLUDED.impressions, source = EXCLUDED.source,
                                    imported_at = EXCLUDED.imported_at""")
                        .params(Date.valueOf(week.getKey()), channel.getKey(), channel.getValue(), impressions,
                                source, Timestamp.from(at))
                        .update();
            }
        }
        return written;
    }

    /** Spend per week (Monday) and channel, every week and channel stored. */
    TreeMap<LocalDate, Map<String, Double>> weeks() {
        TreeMap<LocalDate, Map<String, Double>> weeks = new TreeMap<>();
        jdbc.sql("SELECT week, channel, spend FROM mix_spend ORDER BY week, channel")
                .query(rs -> {
                    weeks.computeIfAbsent(rs.getDate(1).toLocalDate(), w -> new TreeMap<>())
                            .put(rs.getString(2), rs.getDouble(3));
                });
        return weeks;
    }

    /**
     * Spend stored per channel.
     *
     * @param channel   the channel
     * @param firstWeek its first week
     * @param lastWeek  its last week
     * @param weeks     weeks with a row
     * @param total     total spend
     */
    record ChannelTotal(String channel, LocalDate firstWeek, LocalDate lastWeek, long weeks, double total) {
    }

    List<ChannelTotal> totals() {
        return new ArrayList<>(jdbc.sql("""
                        SELECT channel, min(week), max(week), count(*), sum(spend) FROM mix_spend
                        GROUP BY channel ORDER BY sum(spend) DESC""")
                .query((rs, row) -> new ChannelTotal(rs.getString(1), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate(), rs.getLong(4), rs.getDouble(5)))
                .list());
    }
}
