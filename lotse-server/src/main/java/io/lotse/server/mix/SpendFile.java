package io.lotse.server.mix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Reads media spend from a CSV ({@code .csv}, {@code .csv.gz}) or Excel ({@code .xlsx}, first sheet) file, as
 * the importer reads contacts and orders: German or English column names, {@code ,} {@code ;} or tab, decimal
 * comma or point, every row accounted for.
 *
 * <ul>
 *   <li>Long format: a date column ({@code week}, {@code Woche}, {@code date}, {@code Datum}, {@code KW}), a
 *   channel column ({@code channel}, {@code Kanal}), a spend column ({@code spend}, {@code Kosten},
 *   {@code Ausgaben}, {@code cost}) and optionally {@code impressions} — as the simulator's spend.csv.</li>
 *   <li>Wide format: a date column and one column per channel holding its spend.</li>
 * </ul>
 *
 * Dates may be ISO ({@code 2026-01-05}), German ({@code 05.01.2026}) or ISO weeks ({@code 2026-W02}); days are
 * summed into their ISO week (Monday).
 */
final class SpendFile {

    /** The largest spend file read, to keep an upload from filling the memory. */
    static final int MAX_BYTES = 50 * 1024 * 1024;
    /** How many rejected rows an import report lists. */
    private static final int LISTED_REJECTED = 100;
    static final List<String> DATE_NAMES = List.of("week", "woche", "kw", "date", "datum", "day", "tag",
            "period", "zeitraum", "week_start", "wochenbeginn");
    private static final List<String> CHANNEL_NAMES = List.of("channel", "kanal", "medium", "media", "medien");
    private static final List<String> SPEND_NAMES = List.of("spend", "kosten", "ausgaben", "cost", "costs",
            "budget", "betrag", "amount", "media_spend", "mediaspend", "spend_eur", "kosten_eur");
    private static final List<String> IMPRESSION_NAMES = List.of("impressions", "impressionen", "views",
            "sichtkontakte", "kontakte");
    private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("d.M.uuuu");
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-?W(\\d{1,2})", Pattern.CASE_INSENSITIVE);
    private static final Pattern GERMAN_WEEK = Pattern.compile("KW\\s*(\\d{1,2})[/ ]+(\\d{4})",
            Pattern.CASE_INSENSITIVE);

    private SpendFile() {}

    /**
     * A rejected row.
     *
     * @param line   line (CSV, header = 1) or row number (Excel)
     * @param reason a stable code: {@code missing_date}, {@code unparseable_date}, {@code missing_channel},
     *               {@code invalid_spend}, {@code negative_spend}
     * @param detail the text for people
     */
    record Rejected(long line, String reason, String detail) {
    }

    /**
     * What was read.
     *
     * @param format   csv, csv.gz or xlsx
     * @param layout   long or wide
     * @param rows     data rows read
     * @param rejected rows not taken, with reasons
     * @param weeks    spend per week (Monday) and channel, summed
     * @param impressions impressions per week and channel, where given
     */
    record Content(String format, String layout, long rows, List<Rejected> rejected,
                   TreeMap<LocalDate, Map<String, BigDecimal>> weeks,
                   Map<LocalDate, Map<String, Long>> impressions) {
    }

    /**
     * The bytes of an uploaded file, refused beyond {@link #MAX_BYTES} with a message ending in {@code whyLess}.
     */
    static byte[] upload(InputStream body, String whyLess) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new SpendImportException("The file is larger than " + MAX_BYTES / 1024 / 1024 + " MB; " + whyLess);
        }
        return bytes;
    }

    /** The rejected rows an import report lists: the first ones. */
    static List<Rejected> listed(List<Rejected> rejected) {
        return new ArrayList<>(rejected.subList(0, Math.min(LISTED_REJECTED, rejected.size())));
    }

    static Content read(String fileName, byte[] bytes) throws IOException {
        Table table = table(fileName, bytes, "spend");
        return parse(table.format(), table.rows(), table.decimalComma());
    }

    /**
     * The cells of a file.
     *
     * @param format       csv, csv.gz or xlsx
     * @param rows         the rows, header first; each starts with its line (CSV) or row number (Excel)
     * @param decimalComma whether a lone comma in a number is the decimal separator
     */
    record Table(String format, List<List<String>> rows, boolean decimalComma) {
    }

    /** Reads the rows of a CSV or Excel file; {@code what} names its content in messages. */
    static Table table(String fileName, byte[] bytes, String what) throws IOException {
        String name = fileName.strip().toLowerCase(Locale.ROOT);
        if (bytes.length == 0) {
            throw new SpendImportException("The file is empty.");
        }
        List<List<String>> table;
        String format;
        boolean decimalComma = false;
        if (name.endsWith(".xlsx")) {
            format = "xlsx";
            table = xlsx(bytes);
        } else if (name.endsWith(".csv.gz") || name.endsWith(".csv") || name.endsWith(".tsv")
                || name.endsWith(".txt")) {
            format = name.endsWith(".gz") ? "csv.gz" : "csv";
            byte[] plain = format.equals("csv.gz") ? gunzip(bytes) : bytes;
            String text = decode(plain);
            char delimiter = delimiterOf(text.lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
            decimalComma = delimiter != ',';
            table = csv(text, delimiter);
        } else if (name.endsWith(".xls")) {
            throw new SpendImportException("'" + fileName + "' is an old Excel .xls file: save it as .xlsx or CSV.");
        } else {
            throw new SpendImportException("'" + fileName + "' is no supported format: Lotse reads " + what
                    + " from .csv, .csv.gz and .xlsx files.");
        }
        if (table.isEmpty()) {
            throw new SpendImportException("The file has no header row.");
        }
        return new Table(format, table, decimalComma);
    }

    private static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            throw new SpendImportException("The gzip data are damaged or cut off: " + e.getMessage());
        }
    }

    /** UTF-8 (with or without BOM), or Windows-1252 when the bytes are not valid UTF-8. */
    private static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            text = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<List<String>> csv(String text, char delimiter) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get()
                     .parse(reader)) {
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>();
                record.forEach(cells::add);
                cells.add(0, Long.toString(parser.getCurrentLineNumber()));
                rows.add(cells);
            }
        }
        return rows;
    }

    private static char delimiterOf(String header) {
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /** The first sheet's rows; each row starts with its row number, dates as ISO text. */
    private static List<List<String>> xlsx(byte[] bytes) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (InputStream in = new ByteArrayInputStream(bytes); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                cells.add(Integer.toString(row.getRowNum() + 1));
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    if (cell == null) {
                        cells.add("");
                    } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                        cells.add(cell.getLocalDateTimeCellValue().toLocalDate().toString());
                    } else if (cell.getCellType() == CellType.NUMERIC
                            || cell.getCellType() == CellType.FORMULA
                            && cell.getCachedFormulaResultType() == CellType.NUMERIC) {
                        cells.add(BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString());
                    } else {
                        cells.add(formatter.formatCellValue(cell));
                    }
                }
                if (cells.stream().skip(1).anyMatch(s -> !s.isBlank())) {
                    rows.add(cells);
                }
            }
        } catch (IllegalArgumentException | org.apache.poi.ooxml.POIXMLException e) {
            throw new SpendImportException("The file is named .xlsx but is no Excel workbook.");
        }
        return rows;
    }

    static int find(List<String> header, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                String cell = header.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
                if (cell.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static Content parse(String format, List<List<String>> table, boolean decimalComma) {
        List<String> header = table.get(0).subList(1, table.get(0).size());
        int date = find(header, DATE_NAMES);
        String columns = String.join(", ", header.stream().map(h -> "'" + h.strip() + "'").toList());
        if (date < 0) {
            throw new SpendImportException("The header has no date column (week, Woche, date, Datum, KW). Columns "
                    + "found: " + columns + ".");
        }
        int channel = find(header, CHANNEL_NAMES);
        int spend = find(header, SPEND_NAMES);
        int impressions = find(header, IMPRESSION_NAMES);
        boolean longFormat = channel >= 0;
        if (longFormat && spend < 0) {
            throw new SpendImportException("The header has a channel column but no spend column (spend, Kosten, "
                    + "Ausgaben, cost). Columns found: " + columns + ".");
        }
        List<Integer> wideColumns = new ArrayList<>();
        if (!longFormat) {
            for (int i = 0; i < header.size(); i++) {
                if (i != date && i != impressions && !header.get(i).isBlank()) {
                    wideColumns.add(i);
                }
            }
            if (wideColumns.isEmpty()) {
                throw new SpendImportException("The header names no channel: give a channel and a spend column, or "
                        + "one column per channel. Columns found: " + columns + ".");
            }
        }
        TreeMap<LocalDate, Map<String, BigDecimal>> weeks = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> shown = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        long rows = 0;
        for (List<String> raw : table.subList(1, table.size())) {
            long line = Long.parseLong(raw.get(0));
            List<String> cells = raw.subList(1, raw.size());
            rows++;
            String dateText = cell(cells, date);
            if (dateText.isBlank()) {
                rejected.add(new Rejected(line, "missing_date", "The date is empty."));
                continue;
            }
            LocalDate week = weekOf(dateText);
            if (week == null) {
                rejected.add(new Rejected(line, "unparseable_date", "'" + dateText + "' is no date (2026-01-05, "
                        + "05.01.2026 or 2026-W02)."));
                continue;
            }
            if (longFormat) {
                String name = channelName(cell(cells, channel));
                if (name.isEmpty()) {
                    rejected.add(new Rejected(line, "missing_channel", "The channel is empty."));
                    continue;
                }
                BigDecimal amount = amount(cell(cells, spend), decimalComma);
                if (amount == null) {
                    rejected.add(new Rejected(line, "invalid_spend", "'" + cell(cells, spend)
                            + "' is no amount."));
                    continue;
                }
                if (amount.signum() < 0) {
                    rejected.add(new Rejected(line, "negative_spend", "The spend " + amount + " is negative."));
                    continue;
                }
                weeks.computeIfAbsent(week, w -> new TreeMap<>()).merge(name, amount, BigDecimal::add);
                if (impressions >= 0) {
                    BigDecimal count = amount(cell(cells, impressions), decimalComma);
                    if (count != null && count.signum() >= 0) {
                        shown.computeIfAbsent(week, w -> new TreeMap<>()).merge(name,
                                count.setScale(0, RoundingMode.HALF_UP).longValue(), Long::sum);
                    }
                }
            } else {
                Map<String, BigDecimal> amounts = new LinkedHashMap<>();
                String problem = null;
                for (int column : wideColumns) {
                    String text = cell(cells, column);
                    if (text.isBlank()) {
                        continue;
                    }
                    BigDecimal amount = amount(text, decimalComma);
                    if (amount == null) {
                        problem = "invalid_spend:'" + text + "' in column '" + header.get(column).strip()
                                + "' is no amount.";
                        break;
                    }
                    if (amount.signum() < 0) {
                        problem = "negative_spend:The spend " + amount + " of '" + header.get(column).strip()
                                + "' is negative.";
                        break;
                    }
                    amounts.put(channelName(header.get(column)), amount);
                }
                if (problem != null) {
                    int colon = problem.indexOf(':');
                    rejected.add(new Rejected(line, problem.substring(0, colon), problem.substring(colon + 1)));
                    continue;
                }
                Map<String, BigDecimal> target = weeks.computeIfAbsent(week, w -> new TreeMap<>());
                amounts.forEach((name, amount) -> target.merge(name, amount, BigDecimal::add));
            }
        }
        return new Content(format, longFormat ? "long" : "wide", rows, rejected, weeks, shown);
    }

    static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index).strip() : "";
    }

    /** Channel names as keys: lower case, spaces and hyphens as underscores ({@code Paid Search} → paid_search). */
    static String channelName(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** The Monday of the ISO week of a date, ISO week or German calendar week; null when unreadable. */
    static @Nullable LocalDate weekOf(String text) {
        String value = text.strip();
        Matcher iso = ISO_WEEK.matcher(value);
        Matcher german = GERMAN_WEEK.matcher(value);
        int year = 0;
        int week = 0;
        if (iso.matches()) {
            year = Integer.parseInt(iso.group(1));
            week = Integer.parseInt(iso.group(2));
        } else if (german.matches()) {
            week = Integer.parseInt(german.group(1));
            year = Integer.parseInt(german.group(2));
        }
        if (week > 0) {
            if (week > 53) {
                return null;
            }
            return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        LocalDate date;
        try {
            if (value.length() >= 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-') {
                date = LocalDate.parse(value.substring(0, 10));
            } else {
                date = LocalDate.parse(value.split("\\s+")[0], GERMAN);
            }
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * An amount written with a decimal point or comma, thousands separators and a currency sign or code
     * ({@code 1.234,56 €}, {@code EUR 1,234.56}, {@code 1234.5}); null when it is none. Where both separators
     * appear, the last is the decimal one; a lone comma is decimal in files with a decimal comma.
     */
    static @Nullable BigDecimal amount(String text, boolean decimalComma) {
        String value = text.strip().replaceAll("(?i)eur|€|chf|gbp|£|usd|\\$|\\s|'", "");
        if (value.isEmpty()) {
            return null;
        }
        int comma = value.lastIndexOf(',');
        int point = value.lastIndexOf('.');
        if (comma >= 0 && point >= 0) {
            value = comma > point ? value.replace(".", "").replace(',', '.') : value.replace(",", "");
        } else if (comma >= 0) {
            value = decimalComma ? value.replace(',', '.') : value.replace(",", "");
        } else if (point >= 0 && decimalComma && value.matches("-?\\d{1,3}(\\.\\d{3})+")) {
            value = value.replace(".", "");
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
