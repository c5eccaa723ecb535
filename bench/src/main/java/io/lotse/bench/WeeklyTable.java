package io.lotse.bench;

import io.lotse.engine.mix.MixData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads marketing-mix data from a CSV file: one row per period with its first day, the outcome, every channel's
 * spend and control variables. The delimiter is the one of {@code , ; tab} that the header uses most; with
 * {@code ;} or tab, numbers may have a decimal comma.
 */
final class WeeklyTable {

    private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private WeeklyTable() {}

    static MixData read(Path file, String dateColumn, String targetColumn, List<String> channels,
                        List<String> controls) throws IOException {
        String header;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            header = lines.filter(line -> !line.isBlank()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + " is empty"));
        }
        char delimiter = delimiterOf(header);
        boolean decimalComma = delimiter != ',';
        TreeMap<LocalDate, double[]> rows = new TreeMap<>();
        List<String> columns = new ArrayList<>();
        columns.add(targetColumn);
        columns.addAll(channels);
        columns.addAll(controls);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                     .setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            Map<String, Integer> index = parser.getHeaderMap();
            for (String column : concat(List.of(dateColumn), columns)) {
                if (!index.containsKey(column)) {
                    throw new IllegalArgumentException(file + ": no column '" + column + "'; columns: "
                            + String.join(", ", parser.getHeaderNames()));
                }
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                LocalDate date = date(record.get(dateColumn), file, line);
                double[] values = new double[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = number(record.get(columns.get(i)), decimalComma, file, line, columns.get(i));
                }
                if (rows.put(date, values) != null) {
                    throw new IllegalArgumentException(file + " line " + line + ": the period " + date
                            + " appears twice");
                }
            }
        }
        List<LocalDate> periods = new ArrayList<>(rows.keySet());
        int n = periods.size();
        double[] outcome = new double[n];
        double[][] spend = new double[channels.size()][n];
        double[][] control = new double[controls.size()][n];
        for (int t = 0; t < n; t++) {
            double[] values = rows.get(periods.get(t));
            outcome[t] = values[0];
            for (int c = 0; c < channels.size(); c++) {
                spend[c][t] = values[1 + c];
            }
            for (int k = 0; k < controls.size(); k++) {
                control[k][t] = values[1 + channels.size() + k];
            }
        }
        return new MixData(periods, outcome, channels, spend, controls, control);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static char delimiterOf(String header) {
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    static LocalDate date(String text, Path file, long line) {
        String value = text.strip();
        try {
            if (value.length() > 10 && value.charAt(10) == 'T') {
                return OffsetDateTime.parse(value).toLocalDate();
            }
            if (value.length() >= 10 && value.charAt(2) == '.') {
                return LocalDate.parse(value.substring(0, 10), GERMAN);
            }
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(file + " line " + line + ": '" + text
                    + "' is no date (2026-01-05 or 05.01.2026)");
        }
    }

    static double number(String text, boolean decimalComma, Path file, long line, String column) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " is empty");
        }
        if (decimalComma && value.indexOf(',') >= 0) {
            value = value.replace(".", "").replace(',', '.');
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " '" + text
                    + "' is no number");
        }
    }
}
