package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {

    private static final Instant CUTOFF = Instant.parse("2024-04-01T00:00:00Z");

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static final List<Order> ORDERS = List.of(
            new Order(at("2024-01-01T00:00:00Z"), 100, List.of(new OrderLine("A", "X", 60), new OrderLine("B", "Y", 40))),
            new Order(at("2024-03-22T00:00:00Z"), 30, List.of(new OrderLine("C", "Z", 30))),
            new Order(at("2024-03-02T00:00:00Z"), 50, List.of(new OrderLine("A", "X", 50))),
            new Order(at("2024-04-05T00:00:00Z"), 1000, List.of(new OrderLine("D", "X", 1000))));

    private final FeatureBuilder builder = FeatureBuilder.of(
            EnumSet.of(FeatureGroup.CATEGORIES, FeatureGroup.SESSIONS, FeatureGroup.EMAIL), List.of("p_alive", "expected"));

    @Test
    void derivesOrderFeaturesFromWhatHappenedBeforeTheCutoff() {
        FeatureVector features = builder.build(CustomerHistory.ofOrders(ORDERS), CUTOFF);

        assertThat(features.value("recency_days_log")).isCloseTo(Math.log1p(10), within(1e-12));
        assertThat(features.value("frequency")).isEqualTo(3);
        assertThat(features.value("monetary_total_log")).isCloseTo(Math.log1p(180), within(1e-12));
        assertThat(features.value("monetary_mean_log")).isCloseTo(Math.log1p(60), within(1e-12));
        assertThat(features.value("tenure_days")).isEqualTo(91);
        assertThat(features.value("interval_mean_days")).isEqualTo(40.5);
        assertThat(features.value("interval_std_days")).isEqualTo(20.5);
        assertThat(features.value("interval_last_days")).isEqualTo(20);
        assertThat(features.value("recency_to_interval")).isCloseTo(10 / 40.5, within(1e-12));
        assertThat(features.value("orders_30d")).isEqualTo(2);
        assertThat(features.value("orders_90d")).isEqualTo(2);
        assertThat(features.value("orders_180d")).isEqualTo(3);
        assertThat(features.value("spend_30d_log")).isCloseTo(Math.log1p(80), within(1e-12));
        assertThat(features.value("spend_180d_log")).isCloseTo(Math.log1p(180), within(1e-12));
        assertThat(features.value("orders_per_month")).isCloseTo(90.0 / 121, within(1e-12));
        assertThat(features.value("active_months_365d")).isEqualTo(2);
        assertThat(features.value("distinct_products")).isEqualTo(3);
        assertThat(features.value("products_per_order")).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(features.value("category_count")).isEqualTo(3);
        assertThat(features.value("top_category_share")).isCloseTo(110.0 / 180, within(1e-12));
        assertThat(features.value("top3_category_share")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void derivesVisitAndEmailFeaturesAndAppendsExtras() {
        CustomerHistory history = new CustomerHistory(ORDERS,
                List.of(at("2024-03-30T12:00:00Z"), at("2024-03-10T00:00:00Z"), at("2024-04-02T00:00:00Z")),
                List.of(new EmailEvent(at("2023-12-01T00:00:00Z"), EmailEvent.Action.SENT),
                        new EmailEvent(at("2024-03-01T00:00:00Z"), EmailEvent.Action.SENT),
                        new EmailEvent(at("2024-03-15T00:00:00Z"), EmailEvent.Action.SENT),
                        new EmailEvent(at("2024-03-15T10:00:00Z"), EmailEvent.Action.OPENED),
                        new EmailEvent(at("2024-03-16T00:00:00Z"), EmailEvent.Action.OPENED),
                        new EmailEvent(at("2024-03-16T00:00:00Z"), EmailEvent.Action.CLICKED),
                        new EmailEvent(at("2024-04-03T00:00:00Z"), EmailEvent.Action.CLICKED)),
                List.of(new ExtraFeature("p_alive", 0.8)));

        FeatureVector features = builder.build(history, CUTOFF);

        assertThat(features.value("sessions_7d")).isEqualTo(1);
        assertThat(features.value("sessions_30d")).isEqualTo(2);
        assertThat(features.value("days_since_session")).isEqualTo(1.5);
        assertThat(features.value("emails_sent_90d")).isEqualTo(2);
        assertThat(features.value("email_open_rate")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(features.value("email_click_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(features.value("days_since_click")).isEqualTo(16);
        assertThat(features.value("p_alive")).isEqualTo(0.8);
        assertThat(features.value("expected")).isNaN();
        assertThat(features.schema().names()).endsWith("p_alive", "expected");
    }

    @Test
    void someoneWithoutHistoryHasZeroCountsAndUnknownDurations() {
        FeatureVector features = builder.build(new CustomerHistory(List.of(), List.of(), List.of(), List.of()), CUTOFF);

        assertThat(features.value("frequency")).isZero();
        assertThat(features.value("orders_90d")).isZero();
        assertThat(features.value("monetary_total_log")).isZero();
        assertThat(features.value("recency_days_log")).isNaN();
        assertThat(features.value("tenure_days")).isNaN();
        assertThat(features.value("sessions_30d")).isZero();
        assertThat(features.value("days_since_session")).isNaN();
        assertThat(features.value("email_open_rate")).isNaN();
    }

    @Test
    void aSingleOrderHasNoIntervalAndOrdersWithoutLinesNoProducts() {
        FeatureVector features = FeatureBuilder.ordersOnly()
                .build(CustomerHistory.ofOrders(List.of(Order.of(at("2024-03-01T00:00:00Z"), 20))), CUTOFF);

        assertThat(features.value("interval_mean_days")).isNaN();
        assertThat(features.value("recency_to_interval")).isNaN();
        assertThat(features.value("distinct_products")).isNaN();
        assertThat(features.schema().names()).doesNotContain("category_count", "sessions_7d");
    }

    @Test
    void refusesUndeclaredOrDuplicateExtras() {
        CustomerHistory undeclared = new CustomerHistory(ORDERS, List.of(), List.of(),
                List.of(new ExtraFeature("unknown", 1)));

        assertThatThrownBy(() -> builder.build(undeclared, CUTOFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'unknown' is not declared");
        assertThatThrownBy(() -> new CustomerHistory(ORDERS, List.of(), List.of(),
                List.of(new ExtraFeature("p_alive", 1), new ExtraFeature("p_alive", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FeatureBuilder.of(EnumSet.noneOf(FeatureGroup.class), List.of("frequency")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Order.of(CUTOFF, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not negative");
    }

    @Test
    void aWindowLabelsEventsFromTheCutoffUntilBeforeItsEnd() {
        DataWindow window = new DataWindow(CUTOFF, 30, "purchase");

        assertThat(window.happened(List.of(at("2024-03-31T23:59:59Z")))).isFalse();
        assertThat(window.happened(List.of(CUTOFF))).isTrue();
        assertThat(window.happened(List.of(at("2024-05-01T00:00:00Z")))).isFalse();
        assertThat(window.happened(List.of(at("2024-04-30T23:59:59Z")))).isTrue();
        assertThatThrownBy(() -> new DataWindow(CUTOFF, 0, "purchase"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one day");
    }
}
