package io.lotse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The purchases of a transaction file in the UCI Online Retail layout
 * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}, plain or gzip):
 * only lines of customers with an id, with a positive quantity, of invoices that are not cancellations (C…) and
 * of stock codes that are products (not postage, fees, discounts or manual lines).
 */
final class RetailPurchases {

    /** Stock codes that are no products, compared ignoring case; as the importer's list. */
    static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "C2", "D", "S", "B", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "PADS", "ADJUST", "ADJUST2", "TEST001", "TEST002", "CARRIAGE", "POSTAGE");

    private static final DateTimeFormatter[] DATE_FORMATS = {
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]", Locale.ROOT),
        DateTimeFormatter.ofPattern("M/d/uuuu H:mm", Locale.ROOT)
    };

    /**
     * One purchased line.
     *
     * @param customer the customer id without a trailing {@code .0}
     * @param product  the stock code, upper case
     * @param invoice  the invoice number
     * @param at       the invoice time (taken as UTC)
     */
    record Line(String customer, String product, String invoice, Instant at) {}

    /**
     * The kept lines and how many were dropped for which reason.
     */
    record Result(List<Line> lines, long rows, long withoutCustomer, long cancelled, long notPositive,
                  long nonProduct) {}

    private RetailPurchases() {}

    static Result read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    static Result read(Reader reader) throws IOException {
        List<Line> lines = new ArrayList<>();
        long rows = 0;
        long withoutCustomer = 0;
        long cancelled = 0;
        long notPositive = 0;
        long nonProduct = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            for (String column : List.of("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "CustomerID")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException("not an online-retail file: the column " + column
                            + " is missing (found " + parser.getHeaderNames() + ")");
                }
            }
            for (CSVRecord record : parser) {
                rows++;
                String customer = customerId(record.get("CustomerID"));
                String invoice = record.get("InvoiceNo").strip();
                String product = record.get("StockCode").strip().toUpperCase(Locale.ROOT);
                if (customer.isEmpty()) {
                    withoutCustomer++;
                } else if (invoice.toUpperCase(Locale.ROOT).startsWith("C")) {
                    cancelled++;
                } else if (quantity(record.get("Quantity"), record.getRecordNumber()) <= 0) {
                    notPositive++;
                } else if (NON_PRODUCT_CODES.contains(product) || product.isEmpty()) {
                    nonProduct++;
                } else {
                    lines.add(new Line(customer, product, invoice, date(record.get("InvoiceDate"),
                            record.getRecordNumber())));
                }
            }
        }
        return new Result(lines, rows, withoutCustomer, cancelled, notPositive, nonProduct);
    }

    /** {@code 17850.0} and {@code 17850} are the same customer. */
    static String customerId(String raw) {
        String id = raw.strip();
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    private static double quantity(String raw, long line) {
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record " + line + ": Quantity '" + raw + "' is no number", e);
        }
    }

    private static Instant date(String raw, long line) {
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDateTime.parse(raw.strip(), format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        throw new IllegalArgumentException("record " + line + ": InvoiceDate '" + raw + "' is no date");
    }
}
