package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The files of one small shop are consistent with each other and with their truth. */
class GroundTruthTest {

    private static final Pattern ORDER_NUMBER = Pattern.compile("LS-\\d{4}-\\d{6,}", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path shop;

    static SimulationSummary summary;
    static Map<String, String> personByIdentifier;
    static List<JsonNode> events;

    @BeforeAll
    static void generate() {
        summary = ShopFiles.generate(shop, 800, 60, 3, LocalDate.of(2025, 10, 20), 120);
        personByIdentifier = new HashMap<>();
        for (Map<String, String> row : ShopFiles.csv(shop.resolve("truth/identities.csv"))) {
            String previous = personByIdentifier.put(row.get("identifier_type") + ":" + row.get("identifier"),
                    row.get("person_id"));
            assertThat(previous).as("identifier listed twice: " + row).isNull();
        }
        events = ShopFiles.jsonLines(shop.resolve("events.jsonl"));
    }

    @Test
    void allFilesAndTruthFilesAreWrittenAndTheManifestCountsThem() {
        for (String file : List.of("events.jsonl", "contacts.csv", "orders.csv", "products.csv", "spend.csv",
                "messages.jsonl", "manifest.json", "truth/identities.csv", "truth/customers.csv",
                "truth/channels.json", "truth/population.json", "truth/contributions.csv", "truth/intents.csv",
                "truth/orders.csv", "truth/products.csv", "truth/next_items.jsonl")) {
            assertThat(shop.resolve(file)).as(file).exists();
        }
        JsonNode manifest = ShopFiles.json(shop.resolve("manifest.json"));
        assertThat(manifest.path("seed").asLong()).isEqualTo(3);
        assertThat(manifest.path("customers").asInt()).isEqualTo(800);
        assertThat(manifest.path("days").asInt()).isEqualTo(60);
        assertThat(manifest.path("generator_version").asString()).isEqualTo(ShopSimulation.GENERATOR_VERSION);
        assertThat(manifest.path("rows").path("events.jsonl").asLong()).isEqualTo(events.size())
                .isEqualTo(summary.count("events"));
        assertThat(manifest.path("rows").path("contacts.csv").asLong()).isEqualTo(800);
        assertThat(manifest.path("counts").path("orders").asLong()).isEqualTo(summary.count("orders"));
        assertThat(summary.count("events")).isGreaterThan(10_000);
        assertThat(summary.count("messages")).isGreaterThan(20);
    }

    @Test
    void everyIdentifierInTheEventsBelongsToExactlyOneTruePerson() {
        int checked = 0;
        for (JsonNode event : events) {
            Set<String> persons = new HashSet<>();
            if (event.has("userId")) {
                persons.add(person("user_id", event.path("userId").asString()));
            }
            if (event.has("anonymousId")) {
                persons.add(person("anonymous_id", event.path("anonymousId").asString()));
            }
            if (event.path("context").path("device").has("id")) {
                persons.add(person("device_id", event.path("context").path("device").path("id").asString()));
            }
            for (JsonNode email : List.of(event.path("traits").path("email"),
                    event.path("context").path("traits").path("email"))) {
                if (email.isString()) {
                    persons.add(person("email", email.asString().strip().toLowerCase(Locale.ROOT)));
                }
            }
            if (event.path("traits").has("phone")) {
                persons.add(person("phone", event.path("traits").path("phone").asString()));
            }
            assertThat(persons).as(event.toString()).hasSize(1).doesNotContainNull();
            checked++;
        }
        assertThat(checked).isEqualTo(events.size());
    }

    @Test
    void eventsAreSegmentMessagesInTimeOrder() {
        String previous = "";
        Set<String> messageIds = new HashSet<>();
        for (JsonNode event : events) {
            String type = event.path("type").asString();
            assertThat(type).isIn("identify", "track", "page", "screen");
            assertThat(messageIds.add(event.path("messageId").asString())).isTrue();
            assertThat(event.has("userId") || event.has("anonymousId")).isTrue();
            String timestamp = event.path("timestamp").asString();
            assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                    .isGreaterThanOrEqualTo(previous);
            previous = timestamp;
            assertThat(event.path("context").path("library").path("name").asString()).isNotEmpty();
            switch (type) {
                case "track" -> assertThat(event.path("event").asString()).isNotEmpty();
                case "identify" -> assertThat(event.path("traits").path("email").asString()).contains("@");
                default -> assertThat(event.path("name").asString()).isNotEmpty();
            }
        }
        assertThat(events.get(0).path("timestamp").asString()).startsWith("2025-10-2");
        assertThat(events).anySatisfy(event -> assertThat(event.path("context").path("campaign").path("medium")
                .asString()).isEqualTo("cpc"));
    }

    @Test
    void everyOrderBelongsToAnExistingCustomerAndCompletedOrdersMatchTheirEvents() {
        Set<String> customerNumbers = new HashSet<>();
        ShopFiles.csv(shop.resolve("contacts.csv")).forEach(row -> customerNumbers.add(row.get("customer_number")));
        Map<String, Map<String, String>> truth = new HashMap<>();
        ShopFiles.csv(shop.resolve("truth/orders.csv")).forEach(row -> truth.put(row.get("order_number"), row));
        List<Map<String, String>> lines = ShopFiles.csv(shop.resolve("orders.csv"));
        assertThat(lines).isNotEmpty();
        for (Map<String, String> line : lines) {
            assertThat(customerNumbers).contains(line.get("customer_number"));
            String person = truth.get(line.get("order_number")).get("person_id");
            assertThat(person("user_id", line.get("customer_number"))).isEqualTo(person);
            assertThat(person("email", line.get("email"))).isEqualTo(person);
            assertThat(line.get("order_number")).matches("LS-\\d{4}-\\d{6,}");
        }
        long completed = 0;
        for (JsonNode event : events) {
            if ("Order Completed".equals(event.path("event").asString())) {
                Map<String, String> order = truth.get(event.path("properties").path("order_id").asString());
                assertThat(order).isNotNull();
                assertThat(person("user_id", event.path("userId").asString())).isEqualTo(order.get("person_id"));
                assertThat(order.get("tracked")).isEqualTo("true");
                completed++;
            }
        }
        assertThat(completed).isEqualTo(summary.count("orders_in_window"));
    }

    @Test
    void everyServiceMessageRefersToRealOrdersAndAddressesOfItsSender() {
        Map<String, String> orderPerson = new HashMap<>();
        ShopFiles.csv(shop.resolve("truth/orders.csv"))
                .forEach(row -> orderPerson.put(row.get("order_number"), row.get("person_id")));
        Map<String, Map<String, String>> intents = new HashMap<>();
        ShopFiles.csv(shop.resolve("truth/intents.csv")).forEach(row -> intents.put(row.get("message_id"), row));
        List<JsonNode> messages = ShopFiles.jsonLines(shop.resolve("messages.jsonl"));
        assertThat(messages).hasSize(intents.size());
        for (JsonNode message : messages) {
            Map<String, String> truth = intents.get(message.path("id").asString());
            String person = truth.get("person_id");
            assertThat(person("email", message.path("from_email").asString())).isEqualTo(person);
            if (!truth.get("order_number").isEmpty()) {
                assertThat(orderPerson.get(truth.get("order_number"))).isEqualTo(person);
            }
            Matcher matcher = ORDER_NUMBER.matcher(message.path("text").asString());
            while (matcher.find()) {
                assertThat(matcher.group().toUpperCase(Locale.ROOT)).isEqualTo(truth.get("order_number"));
            }
            for (String email : truth.get("mentioned_emails").split(";")) {
                if (!email.isEmpty()) {
                    assertThat(message.path("text").asString()).contains(email);
                }
            }
            assertThat(truth.get("paraphrase_group")).startsWith(truth.get("intent") + "." + truth.get("language"));
            assertThat(truth.get("template_id")).startsWith(truth.get("paraphrase_group") + ".");
        }
    }

    @Test
    void textsComeInGermanAndEnglish() {
        List<JsonNode> messages = ShopFiles.jsonLines(shop.resolve("messages.jsonl"));
        assertThat(messages).anySatisfy(m -> assertThat(m.path("language").asString()).isEqualTo("de"));
        assertThat(messages).anySatisfy(m -> assertThat(m.path("language").asString()).isEqualTo("en"));
        String german = messages.stream().filter(m -> "de".equals(m.path("language").asString()))
                .map(m -> m.path("text").asString().toLowerCase(Locale.ROOT)).reduce("", String::concat);
        String english = messages.stream().filter(m -> "en".equals(m.path("language").asString()))
                .map(m -> m.path("text").asString().toLowerCase(Locale.ROOT)).reduce("", String::concat);
        assertThat(german).containsAnyOf("bestellung", "ich ", "bitte");
        assertThat(english).containsAnyOf("order", "please", " my ");

        List<Map<String, String>> products = ShopFiles.csv(shop.resolve("products.csv"));
        assertThat(products).hasSizeBetween(1900, 2100);
        assertThat(products.stream().map(p -> p.get("category_id")).distinct()).hasSize(30);
        assertThat(products).allSatisfy(p -> assertThat(Double.parseDouble(p.get("price"))).isPositive());
        long translated = products.stream().filter(p -> !p.get("name_de").equals(p.get("name_en"))).count();
        assertThat(translated).isGreaterThan(products.size() * 9L / 10);
        assertThat(products).anySatisfy(p -> {
            assertThat(p.get("name_de")).startsWith("Wanderschuh ");
            assertThat(p.get("name_en")).startsWith("Hiking boot ");
        });
    }

    @Test
    void theContactsExportNeedsCleaning() {
        List<Map<String, String>> contacts = ShopFiles.csv(shop.resolve("contacts.csv"));
        assertThat(contacts).hasSize(800);
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("phone")).matches("0\\d{3} \\d{7}"));
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("phone")).startsWith("+49 "));
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("customer_since")).matches("\\d\\d\\.\\d\\d\\.\\d{4}"));
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("customer_since")).matches("\\d{4}-\\d\\d-\\d\\d"));
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("revenue")).matches("[\\d.]+,\\d\\d"));
        assertThat(contacts).anySatisfy(c -> assertThat(c.get("country")).isEqualTo("Deutschland"));
        assertThat(contacts).allSatisfy(c -> {
            assertThat(person("user_id", c.get("customer_number")))
                    .isEqualTo(person("email", c.get("email").strip().toLowerCase(Locale.ROOT)));
            assertThat(c.get("email_double_opt_in")).isIn("none", "requested", "confirmed");
            assertThat(c.get("consent_analytics")).isIn("true", "false");
        });
    }

    @Test
    void nextItemSamplesPointAtRealViewsWithAProperDistribution() {
        List<JsonNode> samples = ShopFiles.jsonLines(shop.resolve("truth/next_items.jsonl"));
        assertThat(samples).isNotEmpty();
        Map<String, JsonNode> byMessageId = new HashMap<>();
        events.forEach(event -> byMessageId.put(event.path("messageId").asString(), event));
        Set<String> products = new HashSet<>();
        ShopFiles.csv(shop.resolve("products.csv")).forEach(p -> products.add(p.get("product_id")));
        for (JsonNode sample : samples) {
            JsonNode after = byMessageId.get(sample.path("after_message_id").asString());
            JsonNode next = byMessageId.get(sample.path("next_message_id").asString());
            assertThat(after.path("event").asString()).isEqualTo("Product Viewed");
            assertThat(next.path("event").asString()).isEqualTo("Product Viewed");
            assertThat(next.path("properties").path("product_id").asString())
                    .isEqualTo(sample.path("actual_next").asString());
            assertThat(person("anonymous_id", after.path("anonymousId").asString()))
                    .isEqualTo(sample.path("person_id").asString());
            double total = 0;
            double previous = 1;
            for (JsonNode item : sample.path("distribution")) {
                assertThat(products).contains(item.path("product_id").asString());
                double p = item.path("p").asDouble();
                assertThat(p).isPositive().isLessThanOrEqualTo(previous);
                previous = p;
                total += p;
            }
            assertThat(total).isCloseTo(sample.path("covered_mass").asDouble(), org.assertj.core.data.Offset.offset(1e-4))
                    .isLessThanOrEqualTo(1.0001);
        }
    }

    @Test
    void latentTruthIsRecordedForEveryCustomer() {
        List<Map<String, String>> customers = ShopFiles.csv(shop.resolve("truth/customers.csv"));
        assertThat(customers).hasSize(800);
        for (Map<String, String> customer : customers) {
            double sum = 0;
            for (Map.Entry<String, String> column : customer.entrySet()) {
                if (column.getKey().startsWith("pref_")) {
                    sum += Double.parseDouble(column.getValue());
                }
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(Double.parseDouble(customer.get("transaction_rate_per_week"))).isPositive();
            assertThat(Double.parseDouble(customer.get("dropout_probability"))).isBetween(0.0, 1.0);
            assertThat(customer.get("gender")).isIn("female", "male", "diverse", "unspecified");
            assertThat(customer.get("acquisition_channel")).isNotEmpty();
        }
        JsonNode population = ShopFiles.json(shop.resolve("truth/population.json"));
        assertThat(population.path("bg_nbd").path("r").asDouble()).isEqualTo(0.8);
        assertThat(Files.exists(shop.resolve("truth/channels.json"))).isTrue();
    }

    private static String person(String type, String identifier) {
        return personByIdentifier.get(type + ":" + identifier);
    }
}
