package io.lotse.bench;

import io.lotse.engine.clv.PeriodUnit;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link ClvEvaluation}.
 *
 * @param transactions   the transaction file
 * @param format         its format
 * @param calibrationEnd last day of the calibration period (inclusive)
 * @param unit           time unit of the summaries and fits
 * @param customerColumn CSV column of the customer id
 * @param dateColumn     CSV column of the date
 * @param amountColumn   CSV column of the amount
 * @param quantityColumn CSV column multiplying the amount (a unit price), or null
 * @param dateFormat     pattern of the CSV dates, or null for ISO dates and date-times
 * @param truth          a simulated shop's truth folder (or the shop folder holding it), or null
 */
record ClvOptions(Path transactions, Format format, LocalDate calibrationEnd, PeriodUnit unit, String customerColumn,
        String dateColumn, String amountColumn, @Nullable String quantityColumn,
        @Nullable DateTimeFormatter dateFormat, @Nullable Path truth) {

    /** The formats of a transaction file. */
    enum Format {
        /** Whitespace-separated CDNOW lines: customer id, [sample id,] yyyymmdd, quantity, amount. */
        CDNOW,
        /** CSV with a header row. */
        CSV
    }

    static final String USAGE = """
            usage: ClvEvaluation --transactions FILE --format cdnow|csv --calibration-end YYYY-MM-DD
                                 [--unit weeks|days (weeks)]
                                 [--customer-col NAME (customer_id)] [--date-col NAME (date)]
                                 [--amount-col NAME (amount)] [--quantity-col NAME] [--date-format PATTERN]
                                 [--truth DIR]

              --transactions FILE     purchases; gzip-compressed when the name ends in .gz
              --format cdnow          whitespace-separated lines "customer_id sequence yyyymmdd quantity amount"
                                      (CDNOW_sample.txt) or "customer_id yyyymmdd quantity amount" (CDNOW_master.txt)
              --format csv            CSV with a header row; columns chosen by the --*-col options
              --calibration-end DATE  last day of the calibration period; later purchases form the holdout
              --unit weeks|days       time unit of the summaries and of the fitted rates (default weeks)
              --customer-col NAME     CSV column of the customer id (default customer_id); rows without one are
                                      skipped and counted
              --date-col NAME         CSV column of the purchase date (default date): ISO dates (2026-01-31) or
                                      date-times (2026-01-31T10:15:00Z, taken at their own offset)
              --amount-col NAME       CSV column of the amount (default amount), not negative
              --quantity-col NAME     CSV column to multiply the amount with, for files of quantity and unit price
              --date-format PATTERN   java.time pattern of the CSV dates, e.g. dd.MM.yyyy or M/d/yyyy H:mm
              --truth DIR             a simulated shop's truth/ folder (or the shop folder): compare with the
                                      latent per-customer purchase rates, spend and dropouts (joins the CSV
                                      customer ids with truth/customers.csv user_id: use --customer-col
                                      customer_number on the shop's orders.csv)
              -h, --help              show this help

            Exit codes: 0 success, 2 bad options or input (the message names the file and line), 1 failure.""";

    private static final Set<String> NAMES = Set.of("--transactions", "--format", "--calibration-end", "--unit",
            "--customer-col", "--date-col", "--amount-col", "--quantity-col", "--date-format", "--truth");
    private static final Set<String> CSV_ONLY = Set.of("--customer-col", "--date-col", "--amount-col",
            "--quantity-col", "--date-format");

    /**
     * Reads {@code --name value} or {@code --name=value} pairs.
     *
     * @throws IllegalArgumentException naming the first unknown, repeated, missing or invalid option
     */
    static ClvOptions parse(String... args) {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, args);
        Format format = switch (options.required("--format").toLowerCase(Locale.ROOT)) {
            case "cdnow" -> Format.CDNOW;
            case "csv" -> Format.CSV;
            default -> throw new IllegalArgumentException("--format must be cdnow or csv, was "
                    + options.verbatim("--format"));
        };
        if (format == Format.CDNOW) {
            for (String name : options.given()) {
                if (CSV_ONLY.contains(name)) {
                    throw new IllegalArgumentException("option " + name + " applies to --format csv only");
                }
            }
        }
        LocalDate calibrationEnd;
        try {
            calibrationEnd = LocalDate.parse(options.required("--calibration-end"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--calibration-end must be a date like 1997-09-30, was "
                    + options.verbatim("--calibration-end"), e);
        }
        PeriodUnit unit = switch (options.text("--unit", "weeks").toLowerCase(Locale.ROOT)) {
            case "weeks" -> PeriodUnit.WEEKS;
            case "days" -> PeriodUnit.DAYS;
            default -> throw new IllegalArgumentException("--unit must be weeks or days, was "
                    + options.verbatim("--unit"));
        };
        DateTimeFormatter dateFormat = null;
        String pattern = options.verbatim("--date-format");
        if (pattern != null) {
            try {
                dateFormat = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--date-format is not a valid date pattern: " + pattern + " ("
                        + e.getMessage() + ")", e);
            }
        }
        String truth = options.optional("--truth");
        return new ClvOptions(Path.of(options.required("--transactions")), format, calibrationEnd, unit,
                column(options, "--customer-col", "customer_id"), column(options, "--date-col", "date"),
                column(options, "--amount-col", "amount"), options.has("--quantity-col")
                        ? column(options, "--quantity-col", "") : null,
                dateFormat, truth == null ? null : Path.of(truth));
    }

    private static String column(CommandLineOptions options, String name, String defaultValue) {
        String value = options.has(name) ? options.text(name, "") : defaultValue;
        if (value.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " needs a column name");
        }
        return value;
    }
}
