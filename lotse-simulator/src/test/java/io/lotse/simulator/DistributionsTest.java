package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.simulator.stats.BgNbd;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shop's behaviour follows its stated truth within sampling error. */
class DistributionsTest {

    @TempDir
    static Path shop;

    static SimulationSummary summary;
    static List<Map<String, String>> customers;

    @BeforeAll
    static void generate() {
        summary = ShopFiles.generate(shop, 1000, 90, 5, LocalDate.of(2025, 4, 7), 365);
        customers = ShopFiles.csv(shop.resolve("truth/customers.csv"));
    }

    @Test
    void meanRepeatPurchasesMatchTheBgNbdExpectationForTheTrueParameters() {
        BgNbd model = ShopParameters.defaults().repeatPurchases();
        double observed = 0;
        double expected = 0;
        double conditional = 0;
        double squares = 0;
        for (Map<String, String> customer : customers) {
            int purchases = Integer.parseInt(customer.get("repeat_purchases"));
            double weeks = Double.parseDouble(customer.get("observation_weeks"));
            double analytic = model.expectedRepeatPurchases(weeks);
            observed += purchases;
            expected += analytic;
            conditional += BgNbd.expectedRepeatPurchases(Double.parseDouble(customer.get("transaction_rate_per_week")),
                    Double.parseDouble(customer.get("dropout_probability")), weeks);
            squares += (purchases - analytic) * (purchases - analytic);
        }
        int n = customers.size();
        double standardError = Math.sqrt(squares / n) / Math.sqrt(n);
        assertThat(observed / n).isCloseTo(expected / n, Offset.offset(4 * standardError));
        assertThat(observed / n).isCloseTo(conditional / n, Offset.offset(4 * standardError));
        assertThat(expected / n).isGreaterThan(1.0);
    }

    @Test
    void aboutOneInTenPeopleUseASecondEmail() {
        long second = customers.stream().filter(c -> !c.get("second_email").isEmpty()).count();
        assertShare(second, customers.size(), 0.10);
    }

    @Test
    void aboutOneInTenServiceMessagesIsOutOfScope() {
        assertShare(summary.count("messages_out_of_scope"), summary.count("messages"), 0.10);
        assertThat(summary.count("messages")).isGreaterThan(150);
    }

    @Test
    void ordersAreReturnedAndCancelledAtTheConfiguredRates() {
        Instant cutoff = LocalDate.of(2025, 4, 7).plusDays(90 - 30).atStartOfDay(ShopCalendar.ZONE).toInstant();
        List<Map<String, String>> orders = ShopFiles.csv(shop.resolve("truth/orders.csv"));
        Map<String, String> placed = new java.util.HashMap<>();
        ShopFiles.csv(shop.resolve("orders.csv")).forEach(line -> placed.put(line.get("order_number"), line.get("date")));
        long considered = 0;
        long returned = 0;
        long cancelled = 0;
        for (Map<String, String> order : orders) {
            if (Instant.parse(placed.get(order.get("order_number"))).isAfter(cutoff)) {
                continue;
            }
            considered++;
            if ("returned".equals(order.get("status"))) {
                returned++;
            } else if ("cancelled".equals(order.get("status"))) {
                cancelled++;
            }
        }
        assertShare(returned, considered, 0.08);
        assertShare(cancelled, considered, 0.02);
    }

    @Test
    void basketsHitTheirGammaGammaTargetOnAverage() {
        List<Map<String, String>> orders = ShopFiles.csv(shop.resolve("truth/orders.csv"));
        double target = 0;
        double revenue = 0;
        for (Map<String, String> order : orders) {
            target += Double.parseDouble(order.get("target_value"));
            revenue += Double.parseDouble(order.get("revenue"));
        }
        assertThat(revenue / target).isBetween(0.88, 1.08);
        double meanExpected = customers.stream().mapToDouble(c -> Double.parseDouble(c.get("expected_order_value")))
                .average().orElseThrow();
        assertThat(meanExpected).isCloseTo(ShopParameters.defaults().orderValues().meanOrderValue(),
                Offset.offset(12.0));
    }

    @Test
    void realisedNewCustomersPerChannelScatterAroundTheirExpectation() {
        Map<String, double[]> totals = new java.util.TreeMap<>();
        for (Map<String, String> row : ShopFiles.csv(shop.resolve("truth/contributions.csv"))) {
            double[] total = totals.computeIfAbsent(row.get("component"), key -> new double[2]);
            total[0] += Double.parseDouble(row.get("expected_customers"));
            total[1] += Double.parseDouble(row.get("realised_customers"));
        }
        double expected = 0;
        double realised = 0;
        for (Map.Entry<String, double[]> entry : totals.entrySet()) {
            double[] total = entry.getValue();
            assertThat(total[1]).as(entry.getKey()).isCloseTo(total[0], Offset.offset(5 * Math.sqrt(total[0]) + 2));
            expected += total[0];
            realised += total[1];
        }
        assertThat(expected).isCloseTo(1000, Offset.offset(1e-6));
        assertThat(realised).isEqualTo(1000);

        Map<io.lotse.simulator.model.Channel, Integer> byChannel = new EnumMap<>(io.lotse.simulator.model.Channel.class);
        customers.forEach(c -> byChannel.merge(io.lotse.simulator.model.Channel.fromKey(c.get("acquisition_channel")), 1,
                Integer::sum));
        assertThat(byChannel.keySet()).hasSize(9);
    }

    private static void assertShare(long hits, long total, double probability) {
        double standardError = Math.sqrt(probability * (1 - probability) / total);
        assertThat((double) hits / total).isCloseTo(probability, Offset.offset(4 * standardError));
    }
}
