package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scores the prediction models keep per profile ({@code profile_scores}, as segments read them), for tokens
 * such as {@code {{score.churn_risk}}}, journey conditions and lifecycle stages: {@code purchase_propensity}
 * (probability of an order within 30 days), {@code churn_risk} (percent), {@code clv_12m}, {@code clv_percentile},
 * {@code p_alive}, {@code expected_purchases_90d} and the RFM scores {@code rfm_recency}, {@code rfm_frequency},
 * {@code rfm_monetary}.
 */
@Component
class ProfileScores implements ScoreSource {

    private static final String[] NAMES = {"purchase_propensity", "churn_risk", "clv_12m", "clv_percentile", "p_alive",
            "expected_purchases_90d", "rfm_recency", "rfm_frequency", "rfm_monetary"};

    private final JdbcClient jdbc;

    ProfileScores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Map<String, Double>> scoresFor(Collection<Long> profileIds) {
        Map<Long, Map<String, Double>> scores = new HashMap<>();
        if (profileIds.isEmpty()) {
            return scores;
        }
        jdbc.sql("""
                SELECT profile_id, propensity_30d, churn_risk, clv_12m, clv_percentile, p_alive,
                       expected_purchases_90d, rfm_recency, rfm_frequency, rfm_monetary
                FROM profile_scores WHERE profile_id = ANY(?)""")
                .param(profileIds.toArray(Long[]::new))
                .query((rs, n) -> scores.put(rs.getLong(1), row(rs))).list();
        return scores;
    }

    private static Map<String, Double> row(ResultSet rs) throws SQLException {
        Map<String, Double> row = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            double value = rs.getDouble(i + 2);
            if (!rs.wasNull()) {
                row.put(NAMES[i], value);
            }
        }
        return row;
    }
}
