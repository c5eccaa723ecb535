package io.lotse.server.predict;

import io.lotse.engine.clv.RfmSegment;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The latest scores of one profile and why. Scores a person cannot have are absent: without an order in the data
 * window there are no RFM, lifetime-value, churn or next-order scores; without a trained propensity model no
 * propensity.
 *
 * @param profileId            the profile
 * @param modelId              the training run that scored it
 * @param scoredAt             when
 * @param rfm                  the RFM scores and segment
 * @param probabilityAlive     P(alive) of the BG/NBD model, 0 to 1
 * @param expectedPurchases90d expected purchase days in the next 90 days
 * @param clv12m               expected revenue of the next 12 months, discounted
 * @param clvPercentile        the percent rank of {@code clv12m} among the scored customers, 0 to 100
 * @param churnRisk            0 (surely still a customer) to 100 (surely gone)
 * @param nextOrderDate        the expected date of the next order, if the customer is still active
 * @param propensity30d        the probability of an order within the next 30 days, 0 to 1
 * @param explanation          the strongest factors behind the propensities
 */
public record ProfilePrediction(long profileId, long modelId, Instant scoredAt, @Nullable Rfm rfm,
                                @Nullable Double probabilityAlive, @Nullable Double expectedPurchases90d,
                                @Nullable BigDecimal clv12m, @Nullable Double clvPercentile,
                                @Nullable Integer churnRisk, @Nullable LocalDate nextOrderDate,
                                @Nullable Double propensity30d, Explanation explanation) {

    /** The expected next order date for people, e.g. "9 Dec 2026" or "09.12.2026"; empty without one. */
    public String nextOrderDateText(Locale locale) {
        return nextOrderDate == null ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(nextOrderDate);
    }

    /**
     * @param recency     1 (longest ago) to 5 (most recent)
     * @param frequency   1 to 5 (most purchase days)
     * @param monetary    1 to 5 (highest spend)
     * @param segment     the segment of recency and frequency
     * @param segmentName its English name; the UI shows it in the reader's language
     */
    public record Rfm(int recency, int frequency, int monetary, RfmSegment segment, String segmentName) {

        /** The three scores as the usual code, e.g. "545". */
        public String code() {
            return "" + recency + frequency + monetary;
        }

        /** The segment's name in the given language (German or English). */
        public String segmentName(Locale locale) {
            return segment.displayName(locale);
        }
    }

    /**
     * @param purchase30d the factors of {@code propensity30d}, strongest first
     * @param events      the propensities of the configured target events, with their factors
     */
    public record Explanation(List<Factor> purchase30d, List<EventPropensity> events) {}

    /**
     * @param event       the target event, e.g. {@code Signed Up}
     * @param probability the probability that the person does it within the next 30 days
     * @param factors     the strongest factors, strongest first
     */
    public record EventPropensity(String event, double probability, List<Factor> factors) {}

    /**
     * One reason behind a propensity.
     *
     * @param feature      what the model looked at, e.g. {@code days_since_order}
     * @param value        the person's value of it
     * @param contribution what it adds to the log-odds compared with an average person: above 0 it raises the
     *                     probability, below 0 it lowers it
     */
    public record Factor(String feature, @Nullable Double value, double contribution) {

        /** Whether the factor raises the probability. */
        public boolean raises() {
            return contribution > 0;
        }

        /** The value for people: percentages as such, money and rates with two decimals, counts whole. */
        public String displayValue(Locale locale) {
            if (value == null) {
                return "–";
            }
            return switch (feature) {
                case "probability_alive" -> NumberFormat.getPercentInstance(locale).format(value);
                case "revenue_total", "expected_orders_30d", "mean_days_between_orders" -> decimal(locale, 2);
                default -> decimal(locale, 0);
            };
        }

        private String decimal(Locale locale, int digits) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(value);
        }
    }
}
