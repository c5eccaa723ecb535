package io.lotse.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latent purchase behaviour of a simulated shop's customers, from its {@code truth/customers.csv} (written by
 * the simulator's FileShopSink), keyed by user id (the {@code customer_number} of the shop's orders.csv), and the
 * population parameters from {@code truth/population.json} when present.
 *
 * @param customers  by user id
 * @param population the population.json document, or null
 */
record ShopTruth(Map<String, Customer> customers, @Nullable JsonNode population) {

    /**
     * One customer's truth.
     *
     * @param transactionRatePerWeek BG/NBD λ: repeat purchases per week while alive
     * @param dropoutProbability     BG/NBD p: probability of dropping out after each repeat purchase
     * @param expectedOrderValue     Gamma-Gamma p/ν: the customer's mean order value
     * @param droppedOutAt           the purchase after which the customer dropped out, or null if never
     */
    record Customer(double transactionRatePerWeek, double dropoutProbability, double expectedOrderValue,
            @Nullable Instant droppedOutAt) {

        /** Whether the customer had not dropped out by the given instant. */
        boolean aliveAt(Instant instant) {
            return droppedOutAt == null || droppedOutAt.isAfter(instant);
        }
    }

    /**
     * Reads {@code DIR/customers.csv}, or {@code DIR/truth/customers.csv} when DIR is the shop folder.
     *
     * @throws IllegalArgumentException when the file is missing or a row is unusable
     * @throws IOException              when it cannot be read
     */
    static ShopTruth read(Path directory) throws IOException {
        Path folder = Files.isRegularFile(directory.resolve("customers.csv")) ? directory
                : directory.resolve("truth");
        Path file = folder.resolve("customers.csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--truth: no customers.csv in " + directory + " or "
                    + directory.resolve("truth"));
        }
        Map<String, Customer> customers = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (String column : new String[] {"user_id", "transaction_rate_per_week", "dropout_probability",
                    "expected_order_value", "dropped_out_at"}) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException(file + ": no column " + column
                            + "; is this a simulator's truth/customers.csv?");
                }
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    String dropped = record.get("dropped_out_at");
                    customers.put(record.get("user_id"), new Customer(
                            Double.parseDouble(record.get("transaction_rate_per_week")),
                            Double.parseDouble(record.get("dropout_probability")),
                            Double.parseDouble(record.get("expected_order_value")),
                            dropped.isEmpty() ? null : Instant.parse(dropped)));
                } catch (NumberFormatException | DateTimeException | IllegalStateException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage(), e);
                }
            }
        }
        Path populationFile = folder.resolve("population.json");
        JsonNode population = Files.isRegularFile(populationFile)
                ? JsonMapper.builder().build().readTree(Files.readString(populationFile, StandardCharsets.UTF_8)) : null;
        return new ShopTruth(customers, population);
    }
}
