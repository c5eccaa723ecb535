package io.lotse.server.mix;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads control variables of the marketing-mix model (promotions, prices, anything besides paid media that moves
 * the outcome) from the same files as spend: CSV or Excel, German or English headers, every row accounted for.
 *
 * <ul>
 *   <li>Wide format: a date column and one column per control ({@code week,promotion,price_index}).</li>
 *   <li>Long format: a date column, a control column ({@code control}, {@code variable}, {@code Kontrollvariable})
 *   and a value column ({@code value}, {@code Wert}).</li>
 * </ul>
 *
 * Values are numbers (negative allowed), percentages ({@code 15 %} is 0.15) or yes/no ({@code ja}, {@code x},
 * {@code true} are 1). Several rows of one week, such as days, are averaged: a promotion flag per day becomes the
 * share of the week's days with the promotion, a daily price the week's average price.
 */
final class ControlFile {

    private static final List<String> CONTROL_NAMES = List.of("control", "controls", "variable", "kontrolle",
            "kontrollvariable", "steuergröße", "steuergroesse", "name");
    private static final List<String> VALUE_NAMES = List.of("value", "wert", "amount", "betrag");
    private static final List<String> YES = List.of("yes", "ja", "true", "wahr", "x", "y", "j");
    private static final List<String> NO = List.of("no", "nein", "false", "falsch", "n", "-");

    private ControlFile() {}

    /**
     * What was read.
     *
     * @param format   csv, csv.gz or xlsx
     * @param layout   long or wide
     * @param rows     data rows read
     * @param rejected rows not taken, with reasons ({@code missing_date}, {@code unparseable_date},
     *                 {@code missing_control}, {@code invalid_value})
     * @param weeks    the average value per week (Monday) and control
     */
    record Content(String format, String layout, long rows, List<SpendFile.Rejected> rejected,
                   TreeMap<LocalDate, Map<String, Double>> weeks) {
    }

    static Content read(String fileName, byte[] bytes) throws IOException {
        SpendFile.Table table = SpendFile.table(fileName, bytes, "control variables");
        List<List<String>> rows = table.rows();
        List<String> header = rows.get(0).subList(1, rows.get(0).size());
        String columns = String.join(", ", header.stream().map(h -> "'" + h.strip() + "'").toList());
        int date = SpendFile.find(header, SpendFile.DATE_NAMES);
        if (date < 0) {
            throw new SpendImportException("The header has no date column (week, Woche, date, Datum, KW). Columns "
                    + "found: " + columns + ".");
        }
        int control = SpendFile.find(header, CONTROL_NAMES);
        int value = SpendFile.find(header, VALUE_NAMES);
        boolean longFormat = control >= 0;
        if (longFormat && value < 0) {
            throw new SpendImportException("The header has a control column but no value column (value, Wert). "
                    + "Columns found: " + columns + ".");
        }
        List<Integer> wideColumns = new ArrayList<>();
        if (!longFormat) {
            for (int i = 0; i < header.size(); i++) {
                if (i != date && !header.get(i).isBlank()) {
                    wideColumns.add(i);
                }
            }
            if (wideColumns.isEmpty()) {
                throw new SpendImportException("The header names no control variable: give a column per control, "
                        + "or a control and a value column. Columns found: " + columns + ".");
            }
        }
        TreeMap<LocalDate, Map<String, double[]>> sums = new TreeMap<>();
        List<SpendFile.Rejected> rejected = new ArrayList<>();
        long read = 0;
        for (List<String> raw : rows.subList(1, rows.size())) {
            long line = Long.parseLong(raw.get(0));
            List<String> cells = raw.subList(1, raw.size());
            read++;
            String dateText = SpendFile.cell(cells, date);
            if (dateText.isBlank()) {
                rejected.add(new SpendFile.Rejected(line, "missing_date", "The date is empty."));
                continue;
            }
            LocalDate week = SpendFile.weekOf(dateText);
            if (week == null) {
                rejected.add(new SpendFile.Rejected(line, "unparseable_date", "'" + dateText + "' is no date "
                        + "(2026-01-05, 05.01.2026 or 2026-W02)."));
                continue;
            }
            Map<String, Double> values = new TreeMap<>();
            SpendFile.Rejected problem = null;
            if (longFormat) {
                String name = SpendFile.channelName(SpendFile.cell(cells, control));
                Double number = number(SpendFile.cell(cells, value), table.decimalComma());
                if (name.isEmpty()) {
                    problem = new SpendFile.Rejected(line, "missing_control", "The control's name is empty.");
                } else if (number == null) {
                    problem = new SpendFile.Rejected(line, "invalid_value", "'" + SpendFile.cell(cells, value)
                            + "' is no number.");
                } else {
                    values.put(name, number);
                }
            } else {
                for (int column : wideColumns) {
                    String text = SpendFile.cell(cells, column);
                    if (text.isBlank()) {
                        continue;
                    }
                    Double number = number(text, table.decimalComma());
                    if (number == null) {
                        problem = new SpendFile.Rejected(line, "invalid_value", "'" + text + "' in column '"
                                + header.get(column).strip() + "' is no number.");
                        break;
                    }
                    values.put(SpendFile.channelName(header.get(column)), number);
                }
            }
            if (problem != null) {
                rejected.add(problem);
                continue;
            }
            Map<String, double[]> target = sums.computeIfAbsent(week, w -> new TreeMap<>());
            values.forEach((name, number) -> {
                double[] sum = target.computeIfAbsent(name, n -> new double[2]);
                sum[0] += number;
                sum[1]++;
            });
        }
        TreeMap<LocalDate, Map<String, Double>> weeks = new TreeMap<>();
        sums.forEach((week, controls) -> {
            Map<String, Double> averages = new TreeMap<>();
            controls.forEach((name, sum) -> averages.put(name, sum[0] / sum[1]));
            weeks.put(week, averages);
        });
        return new Content(table.format(), longFormat ? "long" : "wide", read, rejected, weeks);
    }

    /** A number, a percentage (a share) or yes/no (1/0); null when it is none of them. */
    static @Nullable Double number(String text, boolean decimalComma) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(value)) {
            return 1.0;
        }
        if (NO.contains(value)) {
            return 0.0;
        }
        boolean percent = value.endsWith("%");
        BigDecimal amount = SpendFile.amount(percent ? value.substring(0, value.length() - 1) : value, decimalComma);
        if (amount == null) {
            return null;
        }
        return percent ? amount.doubleValue() / 100 : amount.doubleValue();
    }
}
