package io.lotse.bench;

import io.lotse.engine.propensity.Order;
import io.lotse.engine.propensity.OrderLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the orders of every customer from a transaction file (CSV, gzipped when the name ends in {@code .gz}).
 *
 * <p>{@code online-retail}: the UCI Online Retail layout, one line item per row
 * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}). Lines of one invoice
 * form one order worth the sum of quantity × unit price. Skipped: cancellations (invoice number starting with C),
 * lines with a quantity or price not above 0, rows without a customer id, and stock codes that are no product
 * (postage, fees, manual adjustments: the codes the importer rejects, see docs/imports.md). A customer id written
 * {@code 17850.0} is {@code 17850}.
 *
 * <p>{@code csv}: a header row and one order per row, in the named customer, date and amount columns; with an
 * order column, rows sharing its value form one order (amounts summed). Rows with an empty customer or an amount
 * not above 0 (refunds) are skipped.
 *
 * <p>Dates: {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm[:ss]}, ISO instants and offsets, or
 * {@code M/d/yyyy H:mm}; without a zone they are UTC.
 */
final class OrderFile {

    /** Stock codes of lines that are no products; the same list as the importer's. */
    static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "C2", "D", "S", "B", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "PADS", "ADJUST", "ADJUST2", "TEST001", "TEST002", "CARRIAGE", "POSTAGE",
            "SHIPPING", "VERSAND", "DISCOUNT", "RABATT", "FEE", "GEBÜHR");

    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("d.M.yyyy H:mm[:ss]", Locale.ROOT));
    private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("d.M.yyyy", Locale.ROOT));

    /** The file's layout. */
    enum Format {
        ONLINE_RETAIL, CSV;

        static Format of(String name) {
            return switch (name) {
                case "online-retail" -> ONLINE_RETAIL;
                case "csv" -> CSV;
                default -> throw new IllegalArgumentException("--format must be online-retail or csv, was '"
                        + name + "'");
            };
        }
    }

    /**
     * Column names of the {@code csv} format.
     *
     * @param customer the customer id
     * @param date     the order date
     * @param amount   the order value (or the line value, with an order column)
     * @param order    the order id, or null when every row is an order
     */
    record Columns(String customer, String date, String amount, @Nullable String order) {}

    /**
     * The customers' orders and what was skipped.
     *
     * @param orders  customer id to orders, customers in order of first appearance
     * @param rows    data rows read
     * @param skipped rows skipped, by reason
     */
    record Result(Map<String, List<Order>> orders, long rows, Map<String, Long> skipped) {}

    private OrderFile() {}

    static Result read(Path file, Format format, Columns columns) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreEmptyLines(true).setTrim(true).get().parse(reader)) {
            return format == Format.ONLINE_RETAIL ? onlineRetail(parser) : csv(parser, columns);
        }
    }

    private static Result onlineRetail(CSVParser parser) {
        requireColumns(parser, List.of("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice",
                "CustomerID"));
        Tally tally = new Tally();
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        for (CSVRecord record : parser) {
            tally.rows++;
            String invoice = record.get("InvoiceNo");
            String customer = customerId(record.get("CustomerID"));
            String stockCode = record.get("StockCode");
            if (invoice.isEmpty()) {
                tally.skip("missing invoice number");
            } else if (invoice.toUpperCase(Locale.ROOT).startsWith("C")) {
                tally.skip("cancellation");
            } else if (customer == null) {
                tally.skip("missing customer id");
            } else if (stockCode.isEmpty() || NON_PRODUCT_CODES.contains(stockCode.toUpperCase(Locale.ROOT))) {
                tally.skip("no product");
            } else {
                double quantity = number(record.get("Quantity"), record, "Quantity");
                double price = number(record.get("UnitPrice"), record, "UnitPrice");
                if (!(quantity > 0) || !(price > 0)) {
                    tally.skip("quantity or price not above 0");
                    continue;
                }
                Instant at = instant(record.get("InvoiceDate"), record);
                Invoice order = invoices.computeIfAbsent(invoice, id -> new Invoice(customer, at));
                order.add(new OrderLine(stockCode, null, quantity * price));
            }
        }
        Map<String, List<Order>> orders = new LinkedHashMap<>();
        for (Invoice invoice : invoices.values()) {
            orders.computeIfAbsent(invoice.customer, c -> new ArrayList<>()).add(invoice.order());
        }
        return new Result(orders, tally.rows, tally.skipped);
    }

    private static Result csv(CSVParser parser, Columns columns) {
        List<String> required = new ArrayList<>(List.of(columns.customer(), columns.date(), columns.amount()));
        if (columns.order() != null) {
            required.add(columns.order());
        }
        requireColumns(parser, required);
        Tally tally = new Tally();
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        long row = 0;
        for (CSVRecord record : parser) {
            tally.rows++;
            String customer = customerId(record.get(columns.customer()));
            if (customer == null) {
                tally.skip("missing customer id");
                continue;
            }
            double amount = number(record.get(columns.amount()), record, columns.amount());
            if (!(amount > 0)) {
                tally.skip("amount not above 0");
                continue;
            }
            Instant at = instant(record.get(columns.date()), record);
            String key = columns.order() == null ? "row " + row++ : customer + "\u0000" + record.get(columns.order());
            invoices.computeIfAbsent(key, k -> new Invoice(customer, at)).amount += amount;
        }
        Map<String, List<Order>> orders = new LinkedHashMap<>();
        for (Invoice invoice : invoices.values()) {
            orders.computeIfAbsent(invoice.customer, c -> new ArrayList<>()).add(invoice.order());
        }
        return new Result(orders, tally.rows, tally.skipped);
    }

    private static void requireColumns(CSVParser parser, List<String> names) {
        List<String> header = parser.getHeaderNames();
        for (String name : names) {
            if (!header.contains(name)) {
                throw new IllegalArgumentException("the file has no column '" + name + "'; its columns: " + header);
            }
        }
    }

    /** The customer id without a trailing {@code .0} (spreadsheets write ids as decimals), or null when empty. */
    static @Nullable String customerId(String cell) {
        String id = cell.trim();
        if (id.isEmpty()) {
            return null;
        }
        return id.matches("\\d+\\.0+") ? id.substring(0, id.indexOf('.')) : id;
    }

    private static double number(String cell, CSVRecord record, String column) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + record.getRecordNumber() + ": " + column + " '" + cell
                    + "' is no number", e);
        }
    }

    static Instant instant(String cell, CSVRecord record) {
        Instant at = instant(cell.trim());
        if (at == null) {
            throw new IllegalArgumentException("line " + record.getRecordNumber() + ": unreadable date '" + cell
                    + "'");
        }
        return at;
    }

    static @Nullable Instant instant(String text) {
        for (DateTimeFormatter formatter : LOCAL_DATE_TIMES) {
            try {
                return LocalDateTime.parse(text, formatter).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next layout
            }
        }
        for (DateTimeFormatter formatter : LOCAL_DATES) {
            try {
                return LocalDate.parse(text, formatter).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next layout
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** The lines of one invoice so far. */
    private static final class Invoice {
        final String customer;
        final Instant at;
        final List<OrderLine> lines = new ArrayList<>();
        double amount;

        Invoice(String customer, Instant at) {
            this.customer = customer;
            this.at = at;
        }

        void add(OrderLine line) {
            lines.add(line);
            amount += line.amount();
        }

        Order order() {
            return new Order(at, amount, lines);
        }
    }

    private static final class Tally {
        long rows;
        final Map<String, Long> skipped = new TreeMap<>();

        void skip(String reason) {
            skipped.merge(reason, 1L, Long::sum);
        }
    }
}
