package io.lotse.bench;

import io.lotse.engine.attribution.Journey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads aggregated journeys from a path file as the R package ChannelAttribution uses: columns {@code path}
 * (channels joined by {@code " > "}), {@code total_conversions}, {@code total_conversion_value} and
 * {@code total_null}. Fields are separated by the given separator; gzip-compressed when the name ends in .gz.
 */
final class PathFile {

    static final List<String> COLUMNS = List.of("path", "total_conversions", "total_conversion_value", "total_null");

    private PathFile() {}

    static List<Journey> read(Path file, char separator) throws IOException {
        List<Journey> journeys = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader()
                     .setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : COLUMNS) {
                if (!header.containsKey(column)) {
                    throw new IllegalArgumentException(file + ": no column '" + column + "' (columns: "
                            + String.join(", ", parser.getHeaderNames()) + "); is the separator '" + separator
                            + "' right?");
                }
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                List<String> channels = Arrays.stream(record.get("path").split(">")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList();
                if (channels.isEmpty()) {
                    throw new IllegalArgumentException(file + " line " + line + ": the path is empty");
                }
                try {
                    journeys.add(Journey.path(channels, number(record, "total_conversions", file, line),
                            number(record, "total_conversion_value", file, line),
                            number(record, "total_null", file, line)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        if (journeys.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no paths");
        }
        return journeys;
    }

    private static double number(CSVRecord record, String column, Path file, long line) {
        String value = record.get(column).strip();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " '" + value
                    + "' is no number");
        }
    }
}
