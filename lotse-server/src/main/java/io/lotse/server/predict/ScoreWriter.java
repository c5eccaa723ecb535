package io.lotse.server.predict;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces the stored scores with a run's, in one transaction: the rows are copied into a temporary table
 * ({@code COPY}), upserted into {@code profile_scores} for the profiles that are still live, and the rows the run
 * did not score (profiles merged, erased or outside the data window since) are deleted.
 */
@Component
class ScoreWriter {

    /** Rows per COPY chunk, so that the text of a large run is never held whole. */
    private static final int CHUNK = 10_000;

    private static final String COLUMNS = """
            profile_id, scored_at, model_id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, p_alive,
            expected_purchases_90d, clv_12m, clv_percentile, churn_risk, next_order_date, propensity_30d,
            explanation""";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ScoreWriter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
    }

    /**
     * Writes the scores of a run.
     *
     * @return how many profiles have scores of the run now
     */
    int replace(long modelId, ScoreTable scores, List<String> targetEvents, Instant scoredAt) {
        Integer written = transaction.execute(status -> {
            jdbc.sql("CREATE TEMP TABLE scores_in (LIKE profile_scores) ON COMMIT DROP").update();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                StringBuilder chunk = new StringBuilder();
                for (int p = 0; p < scores.size(); p++) {
                    row(chunk, modelId, scores, p, targetEvents, scoredAt);
                    if ((p + 1) % CHUNK == 0 || p == scores.size() - 1) {
                        copy.copyIn("COPY scores_in (" + COLUMNS + ") FROM STDIN (FORMAT csv)",
                                new StringReader(chunk.toString()));
                        chunk.setLength(0);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("copying the scores failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            int upserted = jdbc.sql("INSERT INTO profile_scores (" + COLUMNS + ") SELECT " + prefixed("s.")
                            + " FROM scores_in s JOIN profiles p ON p.id = s.profile_id AND p.merged_into IS NULL"
                            + " ON CONFLICT (profile_id) DO UPDATE SET " + updates())
                    .update();
            jdbc.sql("DELETE FROM profile_scores WHERE model_id <> ?").param(modelId).update();
            return upserted;
        });
        return written == null ? 0 : written;
    }

    private void row(StringBuilder out, long modelId, ScoreTable scores, int p, List<String> targetEvents,
                     Instant scoredAt) {
        out.append(scores.profiles[p]).append(',').append(scoredAt).append(',').append(modelId).append(',');
        boolean customer = scores.rfmSegment[p] != null;
        if (customer) {
            out.append(scores.rfmRecency[p]).append(',').append(scores.rfmFrequency[p]).append(',')
                    .append(scores.rfmMonetary[p]).append(',').append(scores.rfmSegment[p].name()).append(',');
        } else {
            out.append(",,,,");
        }
        number(out, scores.probabilityAlive[p]);
        number(out, scores.expectedPurchases90Days[p]);
        if (Double.isFinite(scores.lifetimeValue[p])) {
            out.append(String.format(java.util.Locale.ROOT, "%.2f", scores.lifetimeValue[p]));
        }
        out.append(',');
        number(out, scores.lifetimeValuePercentile[p]);
        if (scores.churnRisk[p] >= 0) {
            out.append(scores.churnRisk[p]);
        }
        out.append(',');
        if (scores.nextOrderDate[p] != null) {
            out.append(scores.nextOrderDate[p]);
        }
        out.append(',');
        ScoreTable.Propensity purchase = scores.purchase[p];
        if (purchase != null) {
            out.append(purchase.probability());
        }
        out.append(',');
        String explanation = explanation(scores, p, targetEvents);
        if (explanation != null) {
            out.append('"').append(explanation.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }

    private static void number(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value);
        }
        out.append(',');
    }

    /**
     * {@code {"purchase_30d": {"factors": [...]}, "events": {"Signed Up": {"probability": 0.1, "factors": [...]}}}},
     * each factor {@code {"feature", "value", "contribution"}} (contribution to the log-odds); null without any.
     */
    private @Nullable String explanation(ScoreTable scores, int p, List<String> targetEvents) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (scores.purchase[p] != null) {
            root.putObject(PropensityModels.PURCHASE).set("factors", factors(scores.purchase[p]));
        }
        for (int t = 0; t < targetEvents.size(); t++) {
            ScoreTable.Propensity propensity = scores.events[t][p];
            if (propensity != null) {
                ObjectNode event = (root.has("events") ? (ObjectNode) root.get("events") : root.putObject("events"))
                        .putObject(targetEvents.get(t));
                event.put("probability", propensity.probability());
                event.set("factors", factors(propensity));
            }
        }
        return root.isEmpty() ? null : json.writeValueAsString(root);
    }

    private static tools.jackson.databind.node.ArrayNode factors(ScoreTable.Propensity propensity) {
        var array = JsonNodeFactory.instance.arrayNode();
        for (ScoreTable.Factor factor : propensity.factors()) {
            ObjectNode node = array.addObject();
            node.put("feature", factor.feature());
            ClassificationMetrics.putFinite(node, "value", factor.value());
            node.put("contribution", factor.contribution());
        }
        return array;
    }

    private static String prefixed(String prefix) {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(",")).map(c -> prefix + c.strip()).toList());
    }

    private static String updates() {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(",")).map(String::strip)
                .filter(c -> !c.equals("profile_id")).map(c -> c + " = excluded." + c).toList());
    }
}
