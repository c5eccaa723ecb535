package io.lotse.server.predict;

import io.lotse.engine.clv.RfmSegment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The figures of the predictions page, read from the stored scores of live profiles. */
@Component
class PredictionOverview {

    static final int BINS = 10;

    private final JdbcClient jdbc;

    PredictionOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the predictions page shows.
     *
     * @param modelId         the run the scores come from, absent before the first successful run
     * @param scoredAt        when they were written
     * @param profiles        profiles with scores
     * @param customers       of them, customers (with an order in the window)
     * @param totalValue      the summed 12-month value of the customers
     * @param meanChurnRisk   their mean churn risk
     * @param meanPropensity  the mean 30-day purchase propensity of everyone scored, if a model was trained
     * @param segments        customers per RFM segment, every segment in the usual order
     * @param valueBins       customers per range of 12-month value
     * @param churnBins       customers per tenth of the churn-risk scale
     * @param topCustomers    the customers with the highest 12-month value
     */
    record Overview(@Nullable Long modelId, @Nullable Instant scoredAt, long profiles, long customers,
                    BigDecimal totalValue, double meanChurnRisk, @Nullable Double meanPropensity,
                    List<SegmentCount> segments, List<Bin> valueBins, List<Bin> churnBins,
                    List<TopCustomer> topCustomers) {

        public boolean empty() {
            return profiles == 0;
        }
    }

    /** Customers in one RFM segment. */
    record SegmentCount(RfmSegment segment, long customers) {}

    /** Customers whose value lies in {@code [from, to)} (the last bin includes its upper end and beyond). */
    record Bin(double from, double to, long customers) {}

    /** A customer with their value, for the list of the most valuable. */
    record TopCustomer(long profileId, @Nullable String name, @Nullable String email, BigDecimal value,
                       double percentile, int churnRisk, @Nullable RfmSegment segment) {}

    Overview overview() {
        record Totals(@Nullable Long modelId, @Nullable Instant scoredAt, long profiles, long customers,
                      BigDecimal totalValue, double meanChurnRisk, @Nullable Double meanPropensity,
                      double valueCeiling) {}
        Totals totals = jdbc.sql("""
                        SELECT max(s.model_id), max(s.scored_at), count(*), count(s.clv_12m),
                               coalesce(sum(s.clv_12m), 0), coalesce(avg(s.churn_risk), 0), avg(s.propensity_30d),
                               coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY s.clv_12m), 0)
                        FROM profile_scores s JOIN profiles p ON p.id = s.profile_id AND p.merged_into IS NULL""")
                .query((rs, row) -> new Totals(rs.getObject(1) == null ? null : rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getLong(3),
                        rs.getLong(4), rs.getBigDecimal(5), rs.getDouble(6),
                        rs.getObject(7) == null ? null : rs.getDouble(7), rs.getDouble(8)))
                .single();
        Map<RfmSegment, Long> bySegment = new EnumMap<>(RfmSegment.class);
        jdbc.sql("""
                        SELECT s.rfm_segment, count(*) FROM profile_scores s
                        JOIN profiles p ON p.id = s.profile_id AND p.merged_into IS NULL
                        WHERE s.rfm_segment IS NOT NULL GROUP BY 1""")
                .query((rs, row) -> bySegment.put(RfmSegment.valueOf(rs.getString(1)), rs.getLong(2))).list();
        List<SegmentCount> segments = new ArrayList<>();
        for (RfmSegment segment : RfmSegment.values()) {
            segments.add(new SegmentCount(segment, bySegment.getOrDefault(segment, 0L)));
        }
        double ceiling = totals.valueCeiling() > 0 ? totals.valueCeiling() : 1;
        List<Bin> valueBins = bins("s.clv_12m", 0, niceCeiling(ceiling));
        List<Bin> churnBins = bins("s.churn_risk", 0, 100);
        List<TopCustomer> top = jdbc.sql("""
                        SELECT s.profile_id, coalesce(p.traits->>'name', nullif(concat_ws(' ',
                                   coalesce(p.traits->>'firstName', p.traits->>'first_name'),
                                   coalesce(p.traits->>'lastName', p.traits->>'last_name')), '')),
                               p.traits->>'email', s.clv_12m, s.clv_percentile, s.churn_risk, s.rfm_segment
                        FROM profile_scores s JOIN profiles p ON p.id = s.profile_id AND p.merged_into IS NULL
                        WHERE s.clv_12m IS NOT NULL
                        ORDER BY s.clv_12m DESC, s.profile_id LIMIT 10""")
                .query((rs, row) -> new TopCustomer(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getDouble(5), rs.getInt(6),
                        rs.getString(7) == null ? null : RfmSegment.valueOf(rs.getString(7))))
                .list();
        return new Overview(totals.modelId(), totals.scoredAt(), totals.profiles(), totals.customers(),
                totals.totalValue(), totals.meanChurnRisk(), totals.meanPropensity(), segments, valueBins, churnBins,
                top);
    }

    /** Ten equal bins over [low, high]; values from high on count in the last bin. */
    private List<Bin> bins(String column, double low, double high) {
        long[] counts = new long[BINS];
        jdbc.sql("SELECT least(width_bucket(" + column + ", ?, ?, " + BINS + "), " + BINS + "), count(*)"
                        + " FROM profile_scores s JOIN profiles p ON p.id = s.profile_id AND p.merged_into IS NULL"
                        + " WHERE " + column + " IS NOT NULL GROUP BY 1")
                .params(low, high)
                .query((rs, row) -> counts[Math.max(1, rs.getInt(1)) - 1] += rs.getLong(2)).list();
        List<Bin> bins = new ArrayList<>(BINS);
        double width = (high - low) / BINS;
        for (int i = 0; i < BINS; i++) {
            bins.add(new Bin(low + i * width, low + (i + 1) * width, counts[i]));
        }
        return bins;
    }

    /** Rounds up to 1, 2 or 5 times a power of ten, so that bin edges read well. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
