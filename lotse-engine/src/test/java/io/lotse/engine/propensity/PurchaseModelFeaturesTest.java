package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lotse.engine.clv.CustomerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PurchaseModelFeaturesTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final DataWindow WINDOW = new DataWindow(START.plus(Duration.ofDays(200)), 30, "purchase");

    /** 200 customers buying every few weeks, some of whom stopped early; one who only buys after the cutoff. */
    private static Map<String, List<Order>> shop() {
        Random random = new Random(7);
        Map<String, List<Order>> orders = new HashMap<>();
        for (int c = 0; c < 200; c++) {
            List<Order> own = new ArrayList<>();
            int day = random.nextInt(60);
            int lastDay = c % 3 == 0 ? 80 : 230;
            while (day < lastDay) {
                own.add(Order.of(START.plus(Duration.ofDays(day)), 20 + random.nextInt(40)));
                day += 5 + random.nextInt(30);
            }
            orders.put("c" + c, own);
        }
        orders.put("late", List.of(Order.of(WINDOW.cutoff().plus(Duration.ofDays(3)), 50)));
        return orders;
    }

    @Test
    void givesRecentRegularBuyersAHigherChanceOfBeingAliveAndMorePurchasesThanLapsedOnes() {
        Map<String, List<Order>> orders = shop();
        orders.put("regular", List.of(order(10), order(40), order(70), order(100), order(130), order(160), order(190)));
        orders.put("lapsed", List.of(order(10), order(20), order(30), order(40), order(50)));

        PurchaseModelFeatures features = PurchaseModelFeatures.fit(orders, WINDOW, null);

        double aliveRegular = value(features.of("regular"), PurchaseModelFeatures.PROBABILITY_ALIVE);
        double aliveLapsed = value(features.of("lapsed"), PurchaseModelFeatures.PROBABILITY_ALIVE);
        assertThat(aliveRegular).isGreaterThan(aliveLapsed).isLessThanOrEqualTo(1);
        assertThat(value(features.of("regular"), PurchaseModelFeatures.EXPECTED_PURCHASES))
                .isGreaterThan(value(features.of("lapsed"), PurchaseModelFeatures.EXPECTED_PURCHASES));
    }

    @Test
    void matchesTheFittedBgNbdOnTheSummaryAtTheCutoffInWeeks() {
        Map<String, List<Order>> orders = shop();
        orders.put("someone", List.of(order(10), order(24), order(24), order(52)));

        PurchaseModelFeatures features = PurchaseModelFeatures.fit(orders, WINDOW, null);

        // Purchase days 10, 24 (twice: one purchase), 52; the cutoff is day 200, the last day before it is day 199.
        CustomerSummary summary = new CustomerSummary("someone", 2, 42 / 7.0, 189 / 7.0, 0);
        assertThat(value(features.of("someone"), PurchaseModelFeatures.PROBABILITY_ALIVE))
                .isCloseTo(features.model().probabilityAlive(summary), within(1e-12));
        assertThat(value(features.of("someone"), PurchaseModelFeatures.EXPECTED_PURCHASES))
                .isCloseTo(features.model().expectedPurchases(summary, 30 / 7.0), within(1e-12));
    }

    @Test
    void leavesCustomersWithoutAnOrderBeforeTheCutoffUnknown() {
        PurchaseModelFeatures features = PurchaseModelFeatures.fit(shop(), WINDOW, null);

        assertThat(features.of("late")).extracting(ExtraFeature::value).allMatch(v -> Double.isNaN(v));
        assertThat(features.of("nobody")).extracting(ExtraFeature::name)
                .containsExactlyElementsOf(PurchaseModelFeatures.NAMES);
    }

    @Test
    void fitsOnTheChosenCustomersOnly() {
        Map<String, List<Order>> orders = shop();
        List<String> half = orders.keySet().stream().sorted().limit(100).toList();

        PurchaseModelFeatures all = PurchaseModelFeatures.fit(orders, WINDOW, null);
        PurchaseModelFeatures some = PurchaseModelFeatures.fit(orders, WINDOW, half);

        assertThat(some.model()).isNotEqualTo(all.model());
        assertThat(value(some.of("c199"), PurchaseModelFeatures.PROBABILITY_ALIVE)).isBetween(0.0, 1.0);
    }

    @Test
    void refusesAShopWithoutOrdersBeforeTheCutoff() {
        Map<String, List<Order>> orders = Map.of("late", List.of(Order.of(WINDOW.cutoff().plus(Duration.ofDays(1)), 5)));

        assertThatThrownBy(() -> PurchaseModelFeatures.fit(orders, WINDOW, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no customer ordered before");
    }

    private static Order order(int day) {
        return Order.of(START.plus(Duration.ofDays(day)).plus(Duration.ofHours(day % 5)), 30);
    }

    private static double value(List<ExtraFeature> features, String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }
}
