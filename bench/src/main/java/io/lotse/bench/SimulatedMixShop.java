package io.lotse.bench;

import io.lotse.engine.mix.ChannelEffect;
import io.lotse.engine.mix.GeometricAdstock;
import io.lotse.engine.mix.HillSaturation;
import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.MixData;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulated shop's marketing data as a marketer would have them, and its truth for the comparison.
 *
 * <p>Observed: the spend per week and channel ({@code spend.csv}) and the new customers per week, counted from the
 * first order of every customer in {@code orders.csv} (the shop's own order export, in the shop's time zone,
 * Europe/Berlin). Truth: {@code truth/channels.json} (each channel's adstock, Hill curve and coefficient) and
 * {@code truth/contributions.csv} (the new customers each channel brought in each week).
 *
 * @param data          the weekly data; weeks not fully simulated are left out
 * @param channels      each channel's true effect, in the order of the data's channels
 * @param expected      each channel's expected new customers over the weeks of the data (truth)
 * @param realised      {@code realised[channel][week]}: new customers each channel brought (truth)
 * @param meanFirstOrder mean first-order value, to express ROI as first-order revenue per euro
 */
record SimulatedMixShop(MixData data, List<ChannelEffect> channels, double[] expected, double[][] realised,
        double meanFirstOrder) {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static SimulatedMixShop read(Path shop) throws IOException {
        for (String name : List.of("spend.csv", "orders.csv", "truth/channels.json", "truth/contributions.csv")) {
            if (!Files.isRegularFile(shop.resolve(name))) {
                throw new IllegalArgumentException(shop + " is no simulated shop: " + name + " is missing");
            }
        }
        TreeMap<LocalDate, Map<String, Double>> spend = new TreeMap<>();
        List<String> channelNames = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(shop.resolve("spend.csv"), StandardCharsets.UTF_8);
             CSVParser parser = csv(reader)) {
            for (CSVRecord record : parser) {
                LocalDate week = LocalDate.parse(record.get("week"));
                String channel = record.get("channel");
                if (!channelNames.contains(channel)) {
                    channelNames.add(channel);
                }
                spend.computeIfAbsent(week, w -> new LinkedHashMap<>()).put(channel,
                        Double.parseDouble(record.get("spend")));
            }
        }
        // Complete weeks only: contributions.csv says how many days of each week were simulated.
        Map<LocalDate, Integer> observedDays = new HashMap<>();
        Map<String, Map<LocalDate, Double>> realisedByChannel = new HashMap<>();
        Map<String, Map<LocalDate, Double>> expectedByChannel = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(shop.resolve("truth/contributions.csv"), StandardCharsets.UTF_8);
             CSVParser parser = csv(reader)) {
            for (CSVRecord record : parser) {
                LocalDate week = LocalDate.parse(record.get("week"));
                observedDays.put(week, Integer.parseInt(record.get("observed_days")));
                String component = record.get("component");
                realisedByChannel.computeIfAbsent(component, c -> new HashMap<>()).put(week,
                        Double.parseDouble(record.get("realised_customers")));
                expectedByChannel.computeIfAbsent(component, c -> new HashMap<>()).put(week,
                        Double.parseDouble(record.get("expected_customers")));
            }
        }
        List<LocalDate> weeks = spend.keySet().stream().filter(w -> observedDays.getOrDefault(w, 0) == 7).toList();
        Map<LocalDate, Double> newCustomers = firstOrders(shop.resolve("orders.csv"));

        int n = weeks.size();
        double[] outcome = new double[n];
        double[][] spendRows = new double[channelNames.size()][n];
        double[][] realised = new double[channelNames.size()][n];
        double[] expected = new double[channelNames.size()];
        for (int t = 0; t < n; t++) {
            LocalDate week = weeks.get(t);
            outcome[t] = newCustomers.getOrDefault(week, 0.0);
            for (int c = 0; c < channelNames.size(); c++) {
                String channel = channelNames.get(c);
                spendRows[c][t] = spend.get(week).getOrDefault(channel, 0.0);
                realised[c][t] = realisedByChannel.get(channel).getOrDefault(week, 0.0);
                expected[c] += expectedByChannel.get(channel).getOrDefault(week, 0.0);
            }
        }
        MixData data = new MixData(weeks, outcome, channelNames, spendRows, List.of(), new double[0][]);

        JsonNode truth = JSON.readTree(shop.resolve("truth/channels.json").toFile());
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode node : truth.path("channels")) {
            byName.put(node.path("channel").asString(), node);
        }
        List<ChannelEffect> effects = new ArrayList<>();
        double meanFirstOrder = 0;
        for (String channel : channelNames) {
            JsonNode node = byName.get(channel);
            if (node == null) {
                throw new IllegalArgumentException("truth/channels.json has no channel '" + channel + "'");
            }
            effects.add(new ChannelEffect(channel, new GeometricAdstock(node.path("adstock_decay").asDouble()),
                    new HillSaturation(node.path("shape").asDouble(), node.path("half_saturation").asDouble()),
                    node.path("beta").asDouble()));
            double customers = node.path("expected_customers").asDouble();
            if (customers > 0 && meanFirstOrder == 0) {
                meanFirstOrder = node.path("expected_first_order_revenue_per_euro").asDouble()
                        * node.path("total_spend").asDouble() / customers;
            }
        }
        return new SimulatedMixShop(data, effects, expected, realised, meanFirstOrder);
    }

    /** New customers per week (Monday) from the first order of every customer. */
    private static Map<LocalDate, Double> firstOrders(Path orders) throws IOException {
        Map<String, Instant> first = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(orders, StandardCharsets.UTF_8); CSVParser parser = csv(reader)) {
            for (CSVRecord record : parser) {
                String customer = record.get("customer_number");
                if (customer.isBlank()) {
                    customer = record.get("email").toLowerCase(Locale.ROOT);
                }
                Instant at = Instant.parse(record.get("date"));
                first.merge(customer, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<LocalDate, Double> perWeek = new HashMap<>();
        for (Instant at : first.values()) {
            LocalDate week = at.atZone(ZONE).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            perWeek.merge(week, 1.0, Double::sum);
        }
        return perWeek;
    }

    private static CSVParser csv(Reader reader) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    /**
     * Lift tests as a geo experiment would report them: for the {@code count} channels with the most spend, the
     * new customers they brought over 8 weeks in the last year (realised, truth), with an 80% interval of ±1.28
     * Poisson standard deviations.
     */
    List<LiftTest> liftTests(int count) {
        List<Integer> bySpend = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            bySpend.add(c);
        }
        bySpend.sort(Comparator.comparingDouble((Integer c) -> -data.totalSpend(c)));
        List<LiftTest> tests = new ArrayList<>();
        int n = data.size();
        for (int i = 0; i < Math.min(count, bySpend.size()); i++) {
            int c = bySpend.get(i);
            // Windows staggered through the last year, each on weeks with spend.
            int end = n - 1 - 6 * i;
            int start = Math.max(0, end - 7);
            double measured = 0;
            for (int t = start; t <= end; t++) {
                measured += realised[c][t];
            }
            if (measured <= 0) {
                continue;
            }
            double half = 1.2816 * Math.sqrt(measured);
            tests.add(new LiftTest(data.channels().get(c), data.periods().get(start),
                    data.periods().get(end).plusDays(6), measured, Math.max(0, measured - half), measured + half));
        }
        return tests;
    }

    /** Writes the observed weekly data as CSV ({@code week,new_customers,<channel>…}) for {@code --data}. */
    void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("week,new_customers," + String.join(",", data.channels()) + "\n");
            double[] outcome = data.outcome();
            for (int t = 0; t < data.size(); t++) {
                StringBuilder line = new StringBuilder().append(data.periods().get(t)).append(',')
                        .append(String.format(Locale.ROOT, "%.0f", outcome[t]));
                for (int c = 0; c < data.channels().size(); c++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.2f", data.spend(c)[t]));
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
