package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.simulator.stats.MediaResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The marketing truth can be recomputed from the reported spend and the true channel parameters. */
class MarketingTruthTest {

    @TempDir
    static Path shop;

    static List<Map<String, String>> contributions;
    static JsonNode channels;

    @BeforeAll
    static void generate() {
        ShopFiles.generate(shop, 400, 45, 9, LocalDate.of(2025, 11, 1), 365);
        contributions = ShopFiles.csv(shop.resolve("truth/contributions.csv"));
        channels = ShopFiles.json(shop.resolve("truth/channels.json"));
    }

    @Test
    void contributionsFollowFromSpendThroughAdstockHillAndBeta() {
        Map<String, List<Map<String, String>>> spendByChannel = new LinkedHashMap<>();
        for (Map<String, String> row : ShopFiles.csv(shop.resolve("spend.csv"))) {
            spendByChannel.computeIfAbsent(row.get("channel"), key -> new ArrayList<>()).add(row);
        }
        Map<String, Map<String, String>> recorded = new HashMap<>();
        contributions.forEach(row -> recorded.put(row.get("week") + "/" + row.get("component"), row));
        assertThat(spendByChannel).hasSize(7);
        for (JsonNode channel : channels.path("channels")) {
            String name = channel.path("channel").asString();
            List<Map<String, String>> weeks = spendByChannel.get(name);
            double[] spend = weeks.stream().mapToDouble(row -> Double.parseDouble(row.get("spend"))).toArray();
            double[] adstock = MediaResponse.adstock(spend, channel.path("adstock_decay").asDouble());
            for (int w = 0; w < weeks.size(); w++) {
                Map<String, String> truth = recorded.get(weeks.get(w).get("week") + "/" + name);
                double saturation = MediaResponse.hill(adstock[w], channel.path("half_saturation").asDouble(),
                        channel.path("shape").asDouble());
                double expected = channel.path("beta").asDouble() * saturation
                        * Integer.parseInt(truth.get("observed_days")) / 7.0;
                assertThat(Double.parseDouble(truth.get("adstock"))).isCloseTo(adstock[w], Offset.offset(1e-6));
                assertThat(Double.parseDouble(truth.get("saturation"))).isCloseTo(saturation, Offset.offset(1e-12));
                assertThat(Double.parseDouble(truth.get("expected_customers")))
                        .isCloseTo(expected, Offset.offset(1e-9 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void theBaselineFollowsTrendSeasonalityAndHolidays() {
        double perWeek = channels.path("baseline").path("baseline_per_week").asDouble();
        int weeks = 0;
        for (Map<String, String> row : contributions) {
            if (!"baseline".equals(row.get("component"))) {
                continue;
            }
            weeks++;
            double expected = perWeek * Double.parseDouble(row.get("trend")) * Double.parseDouble(row.get("seasonality"))
                    * Double.parseDouble(row.get("holidays")) * Integer.parseInt(row.get("observed_days")) / 7.0;
            assertThat(Double.parseDouble(row.get("expected_customers"))).isCloseTo(expected, Offset.offset(1e-9));
        }
        assertThat(weeks).isGreaterThan(50);
        Map<String, String> blackFriday = contributions.stream()
                .filter(row -> "baseline".equals(row.get("component")) && "2025-11-24".equals(row.get("week")))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(blackFriday.get("holidays"))).isGreaterThan(1.3);
    }

    @Test
    void expectedNewCustomersAddUpToTheNumberOfCustomers() {
        double total = contributions.stream().mapToDouble(row -> Double.parseDouble(row.get("expected_customers")))
                .sum();
        long realised = contributions.stream().mapToLong(row -> Long.parseLong(row.get("realised_customers"))).sum();
        assertThat(total).isCloseTo(400, Offset.offset(1e-6));
        assertThat(realised).isEqualTo(400);
        for (JsonNode channel : channels.path("channels")) {
            assertThat(channel.path("expected_first_order_revenue_per_euro").asDouble()).isPositive();
        }
    }

    @Test
    void incrementalCustomersArriveThroughTheirChannelsCampaigns() {
        Map<String, String> acquisition = new HashMap<>();
        ShopFiles.csv(shop.resolve("truth/customers.csv"))
                .forEach(row -> acquisition.put(row.get("person_id"), row.get("acquisition_channel")));
        int checked = 0;
        for (Map<String, String> order : ShopFiles.csv(shop.resolve("truth/orders.csv"))) {
            if (!"first".equals(order.get("kind"))) {
                continue;
            }
            String channel = acquisition.get(order.get("person_id"));
            String visit = order.get("visit_channel");
            if ("tv".equals(channel)) {
                assertThat(visit).isIn("direct", "organic");
                assertThat(order.get("campaign")).isEmpty();
            } else {
                assertThat(visit).isEqualTo(channel);
                assertThat(order.get("campaign").isEmpty()).isEqualTo("organic".equals(channel) || "direct".equals(channel));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(400);
    }
}
