package io.lotse.simulator.sink;

import io.lotse.simulator.ShopSink;
import io.lotse.simulator.SimulationInfo;
import io.lotse.simulator.SimulationSummary;
import io.lotse.simulator.model.BaselineWeek;
import io.lotse.simulator.model.ChannelTruth;
import io.lotse.simulator.model.Contact;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.Device;
import io.lotse.simulator.model.MarketingTruth;
import io.lotse.simulator.model.NextItemSample;
import io.lotse.simulator.model.Order;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.model.ServiceMessage;
import io.lotse.simulator.model.SpendWeek;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a simulated shop to a directory, streaming every file:
 *
 * <ul>
 *   <li>{@code events.jsonl}: one Segment message per line, in time order</li>
 *   <li>{@code contacts.csv}: the CRM export, with mixed national formats to clean</li>
 *   <li>{@code orders.csv}: one row per order line, including orders before the tracked window</li>
 *   <li>{@code products.csv}, {@code spend.csv}, {@code messages.jsonl}</li>
 *   <li>{@code truth/}: {@code identities.csv}, {@code customers.csv}, {@code channels.json},
 *       {@code population.json}, {@code contributions.csv}, {@code intents.csv}, {@code orders.csv},
 *       {@code products.csv}, {@code next_items.jsonl}</li>
 *   <li>{@code manifest.json}: seed, size, counts and generator version, written last</li>
 * </ul>
 *
 * The same run gives byte-identical files.
 */
public final class FileShopSink implements ShopSink {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private @Nullable SimulationInfo info;
    private long endMillis;
    private final List<Product> productsForCategories = new ArrayList<>();

    private final OutputStream events;
    private final OutputStream messages;
    private final OutputStream nextItems;
    private final CSVPrinter contacts;
    private final CSVPrinter orders;
    private final CSVPrinter products;
    private final CSVPrinter spend;
    private final CSVPrinter identities;
    private final CSVPrinter contributions;
    private final CSVPrinter intents;
    private final CSVPrinter orderTruth;
    private final CSVPrinter productTruth;
    private @Nullable CSVPrinter customers;
    private boolean closed;

    /** Creates the directory (and {@code truth/}) if needed; existing files of the same names are replaced. */
    public FileShopSink(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory.resolve("truth"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        events = stream("events.jsonl");
        messages = stream("messages.jsonl");
        nextItems = stream("truth/next_items.jsonl");
        contacts = csv("contacts.csv", "customer_number", "email", "first_name", "last_name", "salutation", "phone",
                "region", "country", "language", "customer_since", "date_of_birth", "orders", "revenue",
                "consent_email", "consent_email_at", "email_double_opt_in", "email_double_opt_in_at",
                "consent_personalisation", "consent_personalisation_at", "consent_analytics", "consent_analytics_at",
                "consent_advertising", "consent_advertising_at");
        orders = csv("orders.csv", "order_number", "email", "customer_number", "date", "item", "item_name",
                "quantity", "unit_price", "currency", "status", "status_date");
        products = csv("products.csv", "product_id", "category_id", "category_de", "category_en", "name_de",
                "name_en", "brand", "colour_de", "colour_en", "price", "currency", "stock", "launch_date");
        spend = csv("spend.csv", "week", "channel", "spend", "impressions");
        identities = csv("truth/identities.csv", "identifier_type", "identifier", "person_id");
        contributions = csv("truth/contributions.csv", "week", "component", "observed_days", "spend", "adstock",
                "saturation", "expected_customers", "realised_customers", "trend", "seasonality", "holidays",
                "repeat_orders");
        intents = csv("truth/intents.csv", "message_id", "person_id", "intent", "language", "template_id",
                "paraphrase_group", "order_number", "mentioned_emails", "typos");
        orderTruth = csv("truth/orders.csv", "order_number", "person_id", "kind", "visit_channel", "campaign",
                "target_value", "revenue", "total", "status", "tracked");
        productTruth = csv("truth/products.csv", "product_id", "popularity");
    }

    /** The directory written to. */
    public Path directory() {
        return directory;
    }

    @Override
    public void begin(SimulationInfo info) {
        this.info = info;
        this.endMillis = info.end().atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant().toEpochMilli();
    }

    @Override
    public void product(Product product) {
        productsForCategories.add(product);
        print(products, "products.csv", product.id(), product.category().id(), product.category().nameDe(),
                product.category().nameEn(), product.nameDe(), product.nameEn(), product.brand(), product.colourDe(),
                product.colourEn(), money(product.priceCents()), "EUR", product.stock(), product.launchDate());
        print(productTruth, "truth/products.csv", product.id(), number(product.popularity()));
    }

    @Override
    public void customer(Customer customer) {
        if (customers == null) {
            customers = customerPrinter();
        }
        var traits = customer.traits();
        var purchases = customer.purchases();
        requireInfo();
        double weeks = (endMillis - customer.acquiredAt().toEpochMilli()) / (7.0 * 24 * 3600 * 1000);
        List<Object> values = new ArrayList<>(List.of(customer.personId(), customer.index(), customer.userId(),
                customer.firstName(), customer.lastName(), customer.email(),
                customer.secondEmail() == null ? "" : customer.secondEmail(),
                customer.phone() == null ? "" : customer.phone(), customer.gender().key(), customer.ageBand().label(),
                customer.dateOfBirth(), customer.country(), customer.region(), customer.language(),
                millis(customer.acquiredAt()), customer.acquisitionChannel().key(), customer.devices().size(),
                number(traits.transactionRate()), number(traits.dropoutProbability()), number(traits.spendRate()),
                number(traits.expectedOrderValue()), number(traits.priceSensitivity()),
                number(traits.emailOpenProbability()), number(traits.emailClickProbability()),
                number(traits.browsingPerPurchase()), number(traits.serviceContactRate()), number(traits.typoRate()),
                number(weeks), purchases.repeatPurchases(), purchases.repeatPurchasesBeforeStart(),
                purchases.aliveAtEnd(), purchases.droppedOutAt() == null ? "" : millis(purchases.droppedOutAt()),
                customer.consents().email().doubleOptIn().key(),
                customer.consents().personalisation().granted(), customer.consents().analytics().granted(),
                customer.consents().advertising().granted()));
        for (double preference : traits.categoryPreferences()) {
            values.add(number(preference));
        }
        print(customers, "truth/customers.csv", values.toArray());

        identity("user_id", customer.userId(), customer);
        identity("email", customer.email(), customer);
        if (customer.secondEmail() != null) {
            identity("email", customer.secondEmail(), customer);
        }
        if (customer.phone() != null) {
            identity("phone", customer.phone(), customer);
        }
        for (Device device : customer.devices()) {
            identity("anonymous_id", device.anonymousId(), customer);
            identity("device_id", device.deviceId(), customer);
        }
    }

    private CSVPrinter customerPrinter() {
        List<String> header = new ArrayList<>(List.of("person_id", "customer_index", "user_id", "first_name",
                "last_name", "email", "second_email", "phone", "gender", "age_band", "date_of_birth", "country",
                "region", "language", "acquired_at", "acquisition_channel", "devices", "transaction_rate_per_week",
                "dropout_probability", "spend_rate", "expected_order_value", "price_sensitivity",
                "email_open_probability", "email_click_probability", "browsing_per_purchase", "service_contact_rate",
                "typo_rate", "observation_weeks", "repeat_purchases", "repeat_purchases_before_start", "alive_at_end",
                "dropped_out_at", "email_double_opt_in", "consent_personalisation", "consent_analytics",
                "consent_advertising"));
        List<String> seen = new ArrayList<>();
        for (Product product : productsForCategories) {
            if (!seen.contains(product.category().id())) {
                seen.add(product.category().id());
            }
        }
        for (String category : seen) {
            header.add("pref_" + category);
        }
        return csv("truth/customers.csv", header.toArray(String[]::new));
    }

    private void identity(String type, String identifier, Customer customer) {
        print(identities, "truth/identities.csv", type, identifier, customer.personId());
    }

    @Override
    public void marketing(MarketingTruth truth) {
        ObjectNode root = NODES.objectNode();
        root.put("description", "Weekly new customers (first orders) per media channel = beta * hill(adstock(spend))"
                + " * observed_days / 7, adstock[t] = spend[t] + decay * adstock[t-1] (euros, from zero before the"
                + " first week), hill(x) = x^shape / (x^shape + half_saturation^shape); baseline (organic and"
                + " direct) = baseline_per_week * trend * seasonality * holidays * observed_days / 7.");
        root.put("scale", truth.scale());
        ObjectNode baseline = root.putObject("baseline");
        baseline.put("baseline_per_week", truth.baselinePerWeek());
        baseline.put("trend_per_year", truth.trendPerYear());
        baseline.put("seasonal_amplitude", truth.seasonalAmplitude());
        baseline.put("seasonal_peak_day_of_year", truth.seasonalPeakDayOfYear());
        baseline.put("organic_share", truth.organicShare());
        ArrayNode channels = root.putArray("channels");
        for (ChannelTruth channel : truth.channels()) {
            ObjectNode node = channels.addObject();
            node.put("channel", channel.channel().key());
            node.put("adstock_decay", channel.adstockDecay());
            node.put("half_saturation", channel.halfSaturation());
            node.put("shape", channel.shape());
            node.put("beta", channel.beta());
            node.put("cost_per_mille", channel.costPerMille());
            node.put("total_spend", channel.totalSpend());
            node.put("expected_customers", channel.expectedCustomers());
            node.put("expected_first_order_revenue_per_euro", channel.expectedRevenuePerEuro());
        }
        writeJson("truth/channels.json", root);

        SimulationInfo run = requireInfo();
        ObjectNode population = NODES.objectNode();
        ObjectNode bgNbd = population.putObject("bg_nbd");
        bgNbd.put("description", "Repeat purchases after the first order; time in weeks of shop time (a daily and"
                + " weekly rhythm that averages to calendar time every week)");
        bgNbd.put("r", run.parameters().repeatPurchases().r());
        bgNbd.put("alpha", run.parameters().repeatPurchases().alpha());
        bgNbd.put("a", run.parameters().repeatPurchases().a());
        bgNbd.put("b", run.parameters().repeatPurchases().b());
        ObjectNode gammaGamma = population.putObject("gamma_gamma");
        gammaGamma.put("description", "Basket target value per order in euros: Gamma(p, nu), nu ~ Gamma(q, gamma);"
                + " baskets are filled towards it (truth/orders.csv has target and realised value)");
        gammaGamma.put("p", run.parameters().orderValues().p());
        gammaGamma.put("q", run.parameters().orderValues().q());
        gammaGamma.put("gamma", run.parameters().orderValues().gamma());
        population.put("second_email_share", run.parameters().secondEmailShare());
        population.put("return_rate", run.parameters().returnRate());
        population.put("cancellation_rate", run.parameters().cancellationRate());
        population.put("out_of_scope_share", run.parameters().outOfScopeShare());
        population.put("next_item_sample_rate", run.parameters().nextItemSampleRate());
        writeJson("truth/population.json", population);
    }

    @Override
    public void spend(SpendWeek week) {
        print(spend, "spend.csv", week.week(), week.channel().key(), money(week.spendCents()), week.impressions());
        print(contributions, "truth/contributions.csv", week.week(), week.channel().key(), week.observedDays(),
                money(week.spendCents()), number(week.adstock()), number(week.saturation()),
                number(week.expectedContribution()), week.realisedContribution(), "", "", "", "");
    }

    @Override
    public void baseline(BaselineWeek week) {
        print(contributions, "truth/contributions.csv", week.week(), "baseline", week.observedDays(), "", "", "",
                number(week.expectedAcquisitions()), week.realisedAcquisitions(), number(week.trend()),
                number(week.seasonality()), number(week.holidays()), week.repeatOrders());
    }

    @Override
    public void event(ObjectNode message) {
        line(events, "events.jsonl", message);
    }

    @Override
    public void order(Order order) {
        String date = ISO_SECONDS.format(order.placedAt());
        String statusDate = order.statusChangedAt() == null ? "" : ISO_SECONDS.format(order.statusChangedAt());
        for (OrderLine line : order.lines()) {
            print(orders, "orders.csv", order.orderNumber(), order.email(), order.userId(), date, line.productId(),
                    line.name(), line.quantity(), money(line.unitPriceCents()), order.currency(), order.status().key(),
                    statusDate);
        }
        print(orderTruth, "truth/orders.csv", order.orderNumber(), order.personId(), order.kind().key(),
                order.visitChannel().key(), order.campaign() == null ? "" : order.campaign(),
                money(order.targetCents()), money(order.subtotalCents()), money(order.totalCents()),
                order.status().key(), order.tracked());
    }

    @Override
    public void message(ServiceMessage message) {
        ObjectNode node = NODES.objectNode();
        node.put("id", message.id());
        node.put("channel", message.channel());
        node.put("language", message.language());
        node.put("from_email", message.fromEmail());
        if (message.subject() != null) {
            node.put("subject", message.subject());
        }
        node.put("text", message.text());
        node.put("timestamp", ISO_MILLIS.format(message.timestamp()));
        line(messages, "messages.jsonl", node);
        print(intents, "truth/intents.csv", message.id(), message.personId(), message.intent(), message.language(),
                message.templateId(), message.paraphraseGroup(),
                message.orderNumber() == null ? "" : message.orderNumber(), String.join(";", message.mentionedEmails()),
                message.typos());
    }

    @Override
    public void nextItems(NextItemSample sample) {
        ObjectNode node = NODES.objectNode();
        node.put("person_id", sample.personId());
        node.put("at", ISO_MILLIS.format(sample.at()));
        node.put("language", sample.language());
        node.put("after_message_id", sample.afterMessageId());
        node.put("next_message_id", sample.nextMessageId());
        node.put("focus_category", sample.focusCategory());
        ArrayNode viewed = node.putArray("viewed");
        sample.viewed().forEach(viewed::add);
        ArrayNode distribution = node.putArray("distribution");
        for (NextItemSample.ItemProbability item : sample.distribution()) {
            ObjectNode entry = distribution.addObject();
            entry.put("product_id", item.productId());
            entry.put("p", item.probability());
        }
        node.put("covered_mass", sample.coveredMass());
        node.put("actual_next", sample.actualNext());
        line(nextItems, "truth/next_items.jsonl", node);
    }

    @Override
    public void contact(Contact contact) {
        print(contacts, "contacts.csv", contact.customerNumber(), contact.email(), contact.firstName(),
                contact.lastName(), contact.salutation(), contact.phone(), contact.region(), contact.country(),
                contact.language(), contact.customerSince(), contact.dateOfBirth(), contact.orders(), contact.revenue(),
                contact.consentEmail(), contact.consentEmailAt(), contact.emailDoubleOptIn(),
                contact.emailDoubleOptInAt(), contact.consentPersonalisation(), contact.consentPersonalisationAt(),
                contact.consentAnalytics(), contact.consentAnalyticsAt(), contact.consentAdvertising(),
                contact.consentAdvertisingAt());
    }

    @Override
    public void end(SimulationSummary summary) {
        SimulationInfo run = summary.info();
        ObjectNode manifest = NODES.objectNode();
        manifest.put("generator_version", run.generatorVersion());
        manifest.put("seed", run.seed());
        manifest.put("customers", run.customers());
        manifest.put("days", run.days());
        manifest.put("start", run.start().toString());
        manifest.put("end", run.end().toString());
        manifest.put("history_start", run.historyStart().toString());
        manifest.put("history_days", ChronoUnit.DAYS.between(run.historyStart(), run.start()));
        ObjectNode counts = manifest.putObject("counts");
        summary.counts().forEach(counts::put);
        ObjectNode files = manifest.putObject("rows");
        rows.forEach(files::put);
        closeAll();
        writeJson("manifest.json", manifest);
    }

    @Override
    public void close() {
        closeAll();
    }

    // -------------------------------------------------------------------------------------------- helpers

    private SimulationInfo requireInfo() {
        if (info == null) {
            throw new IllegalStateException("begin() was not called");
        }
        return info;
    }

    private OutputStream stream(String name) {
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(directory.resolve(name)), 1 << 16);
            open.add(out);
            rows.put(name, 0L);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    private CSVPrinter csv(String name, String... header) {
        try {
            var writer = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(directory.resolve(name)),
                    1 << 16), StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header)
                    .setRecordSeparator('\n').get());
            open.add(printer);
            rows.put(name, 0L);
            return printer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    private void print(CSVPrinter printer, String name, Object... values) {
        try {
            printer.printRecord(values);
            rows.merge(name, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    private void line(OutputStream out, String name, JsonNode node) {
        try {
            out.write(JSON.writeValueAsBytes(node));
            out.write('\n');
            rows.merge(name, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    private void writeJson(String name, JsonNode node) {
        try {
            Files.write(directory.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(name), e);
        }
    }

    private void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        if (customers == null) {
            customers = customerPrinter();
        }
        List<AutoCloseable> all = new ArrayList<>(open);
        IOException failure = null;
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("cannot close an output file in " + directory, e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    static String money(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return sign + abs / 100 + "." + String.format(Locale.ROOT, "%02d", abs % 100);
    }

    static String number(double value) {
        return Double.toString(value);
    }

    private static String millis(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
