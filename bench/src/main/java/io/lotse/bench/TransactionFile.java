package io.lotse.bench;

import io.lotse.engine.clv.TransactionSummaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a transaction file into a {@link TransactionSummaries.Builder}. Every unusable row stops the reading with
 * an {@link IllegalArgumentException} naming the file and line, except CSV rows without a customer id, which are
 * skipped and counted (guest orders cannot belong to a customer's history).
 */
final class TransactionFile {

    private static final DateTimeFormatter CDNOW_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * What was read.
     *
     * @param transactions     rows added
     * @param withoutCustomer  CSV rows skipped for an empty customer id
     */
    record Counts(long transactions, long withoutCustomer) {
    }

    private TransactionFile() {}

    /**
     * Adds every transaction of the file described by the options to the builder.
     *
     * @throws IllegalArgumentException for a missing file, a missing column or an unusable row
     * @throws IOException              when the file cannot be read
     */
    static Counts read(ClvOptions options, TransactionSummaries.Builder builder) throws IOException {
        Path file = options.transactions();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        }
        try (Reader reader = open(file)) {
            return options.format() == ClvOptions.Format.CDNOW ? readCdnow(file, reader, builder)
                    : readCsv(file, reader, options, builder);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file", e);
        }
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            PushbackReader reader = new PushbackReader(
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
            int first = reader.read();
            if (first != -1 && first != '\uFEFF') {
                reader.unread(first);
            }
            return reader;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static Counts readCdnow(Path file, Reader reader, TransactionSummaries.Builder builder)
            throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        long number = 0;
        long added = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 4 && fields.length != 5) {
                throw rowError(file, number, "expected 4 or 5 whitespace-separated fields (customer_id [sequence]"
                        + " yyyymmdd quantity amount), found " + fields.length);
            }
            int dateField = fields.length - 3;
            LocalDate day;
            try {
                day = LocalDate.parse(fields[dateField], CDNOW_DATE);
            } catch (DateTimeException e) {
                throw rowError(file, number, "date must be yyyymmdd, was '" + fields[dateField] + "'");
            }
            double amount = amount(file, number, fields[fields.length - 1]);
            add(builder, file, number, fields[0], day, amount);
            added++;
        }
        return new Counts(added, 0);
    }

    private static Counts readCsv(Path file, Reader reader, ClvOptions options, TransactionSummaries.Builder builder)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            int customer = column(file, header, options.customerColumn(), "--customer-col");
            int date = column(file, header, options.dateColumn(), "--date-col");
            int amount = column(file, header, options.amountColumn(), "--amount-col");
            String quantityName = options.quantityColumn();
            Integer quantity = quantityName == null ? null : column(file, header, quantityName, "--quantity-col");
            long added = 0;
            long withoutCustomer = 0;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (record.size() != header.size()) {
                    throw rowError(file, line, "expected " + header.size() + " columns as in the header, found "
                            + record.size());
                }
                String id = record.get(customer);
                if (id.isEmpty()) {
                    withoutCustomer++;
                    continue;
                }
                LocalDate day = date(file, line, record.get(date), options.dateFormat());
                double value = amount(file, line, record.get(amount));
                if (quantity != null) {
                    value *= number(file, line, record.get(quantity), quantityName);
                }
                add(builder, file, line, id, day, value);
                added++;
            }
            return new Counts(added, withoutCustomer);
        } catch (UncheckedIOException e) {
            // commons-csv reports malformed quoting this way.
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    private static int column(Path file, Map<String, Integer> header, String name, String option) {
        Integer index = header.get(name);
        if (index == null) {
            List<String> names = new ArrayList<>(header.keySet());
            throw new IllegalArgumentException("column '" + name + "' (" + option + ") is not in the header of "
                    + file + "; its columns: " + String.join(", ", names));
        }
        return index;
    }

    /** An ISO date, an ISO date-time (its local date at its own offset) or a date in the given pattern. */
    static LocalDate date(Path file, long line, String text, @Nullable DateTimeFormatter pattern) {
        try {
            if (pattern != null) {
                return pattern.parse(text, LocalDate::from);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            String iso = text.length() > 10 && text.charAt(10) == ' '
                    ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(iso).toLocalDate();
            }
            return LocalDateTime.parse(iso).toLocalDate();
        } catch (DateTimeException e) {
            throw rowError(file, line, "cannot read the date '" + text + "'" + (pattern == null
                    ? ": expected an ISO date or date-time, or give --date-format" : " with --date-format"));
        }
    }

    private static double amount(Path file, long line, String text) {
        double value = number(file, line, text, "amount");
        if (value < 0) {
            throw rowError(file, line, "negative amount " + text + ": refunds and cancellations are not purchases;"
                    + " remove them from the file");
        }
        return value;
    }

    private static double number(Path file, long line, String text, String what) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw rowError(file, line, "the " + what + " must be a number like 12.50, was '" + text + "'");
    }

    private static void add(TransactionSummaries.Builder builder, Path file, long line, String customer,
            LocalDate day, double amount) {
        try {
            builder.add(customer, day, amount);
        } catch (IllegalArgumentException e) {
            throw rowError(file, line, e.getMessage());
        }
    }

    private static IllegalArgumentException rowError(Path file, long line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
