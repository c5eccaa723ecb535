package io.lotse.server.predict;

import io.lotse.engine.clv.RfmSegment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stored predictions of profiles. */
@Service
public class Predictions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Predictions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The latest scores of a live profile (give the id of the surviving profile; a merged profile's scores are
     * dropped by the next training run); empty when the last successful run did not score it.
     */
    public Optional<ProfilePrediction> forProfile(long profileId) {
        return jdbc.sql("""
                        SELECT profile_id, model_id, scored_at, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment,
                               p_alive, expected_purchases_90d, clv_12m, clv_percentile, churn_risk, next_order_date,
                               propensity_30d, explanation::text
                        FROM profile_scores WHERE profile_id = ?""")
                .param(profileId).query(this::map).optional();
    }

    private ProfilePrediction map(ResultSet rs, int row) throws SQLException {
        String segment = rs.getString(7);
        ProfilePrediction.Rfm rfm = segment == null ? null : new ProfilePrediction.Rfm(rs.getInt(4), rs.getInt(5),
                rs.getInt(6), RfmSegment.valueOf(segment), RfmSegment.valueOf(segment).englishName());
        java.sql.Date next = rs.getDate(13);
        return new ProfilePrediction(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rfm,
                nullableDouble(rs, 8), nullableDouble(rs, 9), rs.getBigDecimal(10), nullableDouble(rs, 11),
                rs.getObject(12) == null ? null : rs.getInt(12), next == null ? null : next.toLocalDate(),
                nullableDouble(rs, 14), explanation(rs.getString(15)));
    }

    private ProfilePrediction.Explanation explanation(@Nullable String text) {
        if (text == null) {
            return new ProfilePrediction.Explanation(List.of(), List.of());
        }
        JsonNode root = json.readTree(text);
        List<ProfilePrediction.EventPropensity> events = new ArrayList<>();
        root.path("events").properties().forEach(event -> events.add(new ProfilePrediction.EventPropensity(
                event.getKey(), event.getValue().path("probability").asDouble(), factors(event.getValue()))));
        return new ProfilePrediction.Explanation(factors(root.path(PropensityModels.PURCHASE)), events);
    }

    private static List<ProfilePrediction.Factor> factors(JsonNode propensity) {
        List<ProfilePrediction.Factor> factors = new ArrayList<>();
        for (JsonNode factor : propensity.path("factors")) {
            JsonNode value = factor.path("value");
            factors.add(new ProfilePrediction.Factor(factor.path("feature").asString(),
                    value.isNumber() ? value.asDouble() : null, factor.path("contribution").asDouble()));
        }
        return factors;
    }

    private static @Nullable Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
