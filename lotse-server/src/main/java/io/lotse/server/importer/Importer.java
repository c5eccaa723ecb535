package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.server.collect.AppendResult;
import io.lotse.server.collect.CollectedEvent;
import io.lotse.server.collect.EventIdentifiers;
import io.lotse.server.collect.EventLog;
import io.lotse.server.collect.EventType;
import io.lotse.server.collect.LoggedEvent;
import io.lotse.server.identity.IdentityResolution;
import io.lotse.server.privacy.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Runs imports: reads the whole file first (so that a file that cannot be read imports nothing), cleans every row,
 * then appends the events to the log in chunks. Message ids are derived from the content, so importing the same
 * file again stores nothing new.
 */
@Service
class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    static final int APPEND_CHUNK = 5_000;
    private static final int PREVIEW_EVENTS = 5;
    private static final int LOGGED_ORDERS_LIMIT = 10_000;

    /**
     * What to import.
     *
     * @param kind      contacts or orders
     * @param fileName  the file's name, which tells its format
     * @param dryRun    whether to only show what would be imported
     * @param overrides column header to field
     * @param currency  the currency of amounts written without one
     * @param zone      the time zone of dates written without offset
     */
    record Request(ImportKind kind, String fileName, boolean dryRun, Map<String, String> overrides,
                   @Nullable String currency, ZoneId zone) {}

    private final EventLog eventLog;
    private final IdentityResolution identities;
    private final EventIdentifiers identifiers;
    private final Suppressions suppressions;
    private final ImportStore store;
    private final Clock clock;

    Importer(EventLog eventLog, IdentityResolution identities, EventIdentifiers identifiers, Suppressions suppressions,
             ImportStore store) {
        this.eventLog = eventLog;
        this.identities = identities;
        this.identifiers = identifiers;
        this.suppressions = suppressions;
        this.store = store;
        this.clock = Clock.systemUTC();
    }

    /** Imports a file given as a stream; the stream is spooled to a temporary file first. */
    ImportReport run(Request request, InputStream body) {
        TableReader.Format format = TableReader.formatOf(request.fileName());
        Path file = null;
        try {
            file = Files.createTempFile("lotse-import-", "." + format.label);
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return run(request, file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not receive the file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete the import's temporary file {}", file, e);
                }
            }
        }
    }

    ImportReport run(Request request, Path file) {
        TableReader.Format format = TableReader.formatOf(request.fileName());
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        Tally tally = new Tally();
        Cleaner cleaner = new Cleaner(identifiers.normaliser());
        RowProcessor.People people = new PeopleInLotse();
        RowProcessor[] processor = new RowProcessor[1];
        ColumnMapping[] mapping = new ColumnMapping[1];
        TableReader.Info info = TableReader.read(file, format, new TableReader.Handler() {
            @Override
            public void header(TableReader.Info info, long line, List<String> header) {
                mapping[0] = ColumnMapping.of(header, request.kind(), request.overrides());
                requireRecognisable(mapping[0], header);
                var settings = new RowProcessor.Settings(mapping[0], cleaner, people, startedAt, request.zone(),
                        info.decimalComma(), request.currency());
                processor[0] = request.kind() == ImportKind.CONTACTS ? new ContactRows(settings, tally)
                        : new OrderRows(settings, tally, Importer.this::loggedOrders);
            }

            @Override
            public void row(long line, String[] cells) {
                processor[0].row(line, cells);
            }
        });
        List<CollectedEvent> events = processor[0].finish();
        long stored = 0;
        long duplicates = 0;
        if (!request.dryRun()) {
            for (int from = 0; from < events.size(); from += APPEND_CHUNK) {
                AppendResult result = eventLog.append(events.subList(from, Math.min(events.size(), from + APPEND_CHUNK)));
                stored += result.stored();
                duplicates += result.duplicates();
            }
        }
        long durationNanos = System.nanoTime() - start;
        long identifies = events.stream().filter(e -> e.type() == EventType.IDENTIFY).count();
        long orders = events.stream().filter(e -> "Order Completed".equals(e.event())).count();
        long refunds = events.stream().filter(e -> "Order Refunded".equals(e.event())).count();
        var eventCounts = new ImportReport.Events(events.size(), stored, duplicates, identifies, orders, refunds);
        long durationMs = durationNanos / 1_000_000;
        long rowsPerSecond = durationNanos == 0 ? 0 : Math.round(tally.rows() * 1e9 / durationNanos);
        List<JsonNode> previewEvents = new ArrayList<>();
        for (int i = 0; i < Math.min(PREVIEW_EVENTS, events.size()); i++) {
            previewEvents.add(events.get(i).payload());
        }
        ImportReport report = new ImportReport(
                summary(request, tally, eventCounts, durationMs, rowsPerSecond), null, request.kind().wireName(),
                request.fileName(), info.format().label, info.encoding(), info.delimiter(), request.dryRun(), startedAt,
                durationMs, rowsPerSecond, tally.rows(), tally.imported(), tally.merged(), tally.rejected(),
                tally.rejectedByReason(), tally.warningsByReason(), eventCounts, mapping[0].describe(),
                tally.previewRows(), previewEvents, tally.rejectedRows(), tally.warningRows());
        if (tally.rows() != tally.imported() + tally.merged() + tally.rejected()) {
            throw new IllegalStateException("an import lost track of rows: " + report.summary());
        }
        if (!request.dryRun()) {
            report = report.withId(store.save(report));
        }
        log.info("Import {}: {}", report.id() == null ? "(dry run)" : "#" + report.id(), report.summary());
        return report;
    }

    private static void requireRecognisable(ColumnMapping mapping, List<String> header) {
        String columns = header.stream().map(h -> "'" + h.strip() + "'").collect(Collectors.joining(", "));
        if (mapping.kind() == ImportKind.CONTACTS) {
            if (!mapping.has(Field.EMAIL) && !mapping.has(Field.PHONE) && !mapping.has(Field.CUSTOMER_ID)) {
                throw new ImportException("The header row has no column for an email, phone or customer id "
                        + "(e.g. email, E-Mail, phone, Telefon, customer_id, Kundennummer), so nobody could be "
                        + "identified. Columns found: " + columns + ". Name a column with --map column=email.");
            }
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!mapping.has(Field.ORDER_ID)) {
            missing.add("an order id (order_id, Bestellnummer, InvoiceNo)");
        }
        if (!mapping.has(Field.CUSTOMER_ID) && !mapping.has(Field.EMAIL)) {
            missing.add("a customer id or email (customer_id, CustomerID, Kundennummer, email)");
        }
        if (!mapping.has(Field.UNIT_PRICE) && !mapping.has(Field.TOTAL)) {
            missing.add("a price or total (unit_price, Preis, UnitPrice, total, Summe, Betrag)");
        }
        if (!missing.isEmpty()) {
            throw new ImportException("The header row is not recognisable as orders: it lacks "
                    + String.join("; ", missing) + ". Columns found: " + columns
                    + ". Name columns with --map column=field.");
        }
    }

    static String summary(Request request, Tally tally, ImportReport.Events events, long durationMs,
                          long rowsPerSecond) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        StringBuilder text = new StringBuilder();
        text.append(request.dryRun() ? "Dry run of " : "").append(request.kind().wireName()).append(" import of ")
                .append(request.fileName()).append(": ").append(count(n, tally.rows(), "row")).append(", ")
                .append(n.format(tally.imported())).append(" imported, ").append(n.format(tally.merged()))
                .append(" merged, ").append(n.format(tally.rejected())).append(" rejected");
        if (!tally.rejectedByReason().isEmpty()) {
            text.append(" (").append(tally.rejectedByReason().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + n.format(e.getValue())).collect(Collectors.joining(", ")))
                    .append(")");
        }
        text.append("; ").append(count(n, events.built(), "event"));
        if (events.orders() + events.refunds() > 0) {
            text.append(" (").append(n.format(events.orders())).append(" orders, ").append(n.format(events.refunds()))
                    .append(" refunds)");
        }
        if (request.dryRun()) {
            text.append(" would be written");
        } else {
            text.append(", ").append(n.format(events.stored())).append(" new in the log, ")
                    .append(n.format(events.alreadyInLog())).append(" already there");
        }
        text.append("; ").append(String.format(Locale.ENGLISH, "%.1f", durationMs / 1000.0)).append(" s, ")
                .append(n.format(rowsPerSecond)).append(" rows/s");
        return text.toString();
    }

    private static String count(NumberFormat n, long count, String noun) {
        return n.format(count) + " " + noun + (count == 1 ? "" : "s");
    }

    /** Profiles and erasures. */
    private final class PeopleInLotse implements RowProcessor.People {

        @Override
        public Set<Identifier> known(Collection<Identifier> wanted) {
            return identities.held(wanted);
        }

        @Override
        public boolean erased(List<Identifier> identifiers) {
            return !suppressions.isEmpty() && suppressions.suppresses(identifiers);
        }
    }

    /** The customer's orders already in the log, for returns whose original order is not in the file. */
    private Map<String, OrderRows.LoggedOrder> loggedOrders(@Nullable String userId, @Nullable String anonymousId) {
        List<LoggedEvent> logged = eventLog.eventsOf(userId == null ? List.of() : List.of(userId),
                anonymousId == null ? List.of() : List.of(anonymousId), Long.MAX_VALUE, LOGGED_ORDERS_LIMIT);
        Map<String, OrderRows.LoggedOrder> orders = new HashMap<>();
        for (LoggedEvent event : logged) {
            if (event.type() != EventType.TRACK || !"Order Completed".equals(event.event())) {
                continue;
            }
            JsonNode properties = event.payload().path("properties");
            String orderId = properties.path("order_id").asString("");
            if (orderId.isEmpty()) {
                continue;
            }
            Set<String> skus = new HashSet<>();
            for (JsonNode product : properties.path("products")) {
                String sku = product.path("sku").asString(product.path("product_id").asString(""));
                if (!sku.isEmpty()) {
                    skus.add(sku);
                }
            }
            orders.put(orderId, new OrderRows.LoggedOrder(event.timestamp(), skus));
        }
        return orders;
    }
}
