package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A computed score of a profile, as stored by the prediction models. The wire name is also the score's column
 * in the scores table.
 */
public enum Score {
    /** Churn risk in percent, 0 to 100. */
    CHURN_RISK("churn_risk", 0, 100),
    /** The RFM segment, one of {@link #RFM_SEGMENTS}. */
    RFM_SEGMENT("rfm_segment", null, null),
    /** RFM recency score, 1 (long ago) to 5 (recent). */
    RFM_RECENCY("rfm_recency", 1, 5),
    RFM_FREQUENCY("rfm_frequency", 1, 5),
    RFM_MONETARY("rfm_monetary", 1, 5),
    /** Predicted customer lifetime value over the next 12 months. */
    CLV_12M("clv_12m", 0, null),
    /** Percentile rank of the predicted CLV among all scored profiles, 0 to 100 (100: the highest). */
    CLV_PERCENTILE("clv_percentile", 0, 100),
    /** Probability that the customer is still active, 0 to 1. */
    P_ALIVE("p_alive", 0, 1),
    /** Probability of an order in the next 30 days, 0 to 1. */
    PROPENSITY_30D("propensity_30d", 0, 1),
    EXPECTED_PURCHASES_90D("expected_purchases_90d", 0, null);

    /** The RFM segments, by the names the scores table stores. */
    public static final List<String> RFM_SEGMENTS = List.of("CHAMPIONS", "LOYAL", "POTENTIAL_LOYALISTS", "NEW",
            "PROMISING", "NEED_ATTENTION", "ABOUT_TO_SLEEP", "AT_RISK", "CANT_LOSE_THEM", "HIBERNATING");

    private final String wireName;
    private final @Nullable BigDecimal minimum;
    private final @Nullable BigDecimal maximum;

    Score(String wireName, @Nullable Integer minimum, @Nullable Integer maximum) {
        this.wireName = wireName;
        this.minimum = minimum == null ? null : BigDecimal.valueOf(minimum);
        this.maximum = maximum == null ? null : BigDecimal.valueOf(maximum);
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the score is one of named classes rather than a number. */
    public boolean categorical() {
        return this == RFM_SEGMENT;
    }

    public @Nullable BigDecimal minimum() {
        return minimum;
    }

    public @Nullable BigDecimal maximum() {
        return maximum;
    }

    public static Optional<Score> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Score::wireName).collect(Collectors.joining(", "));
    }
}
