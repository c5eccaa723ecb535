package io.lotse.server.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Counts what became of every row, keeps the rejected rows and warnings, and the preview of the first rows. */
final class Tally {

    static final int PREVIEW_ROWS = 10;
    /** Warnings kept row by row; further ones are only counted. */
    static final int MAX_WARNING_ROWS = 10_000;

    /**
     * A row that was rejected, or a value of an imported row that was dropped.
     *
     * @param line   the row's line in the file, the header being line 1 (a CSV cell spanning lines counts once)
     * @param reason the stable reason code, e.g. {@code invalid_email}
     * @param detail what was wrong, in words, with the offending value
     */
    record RowIssue(long line, String reason, String detail) {}

    /**
     * One of the first rows, as it would be imported.
     *
     * @param line    its line in the file
     * @param outcome {@code imported}, {@code merged} or {@code rejected}
     * @param reason  the rejection reason, if rejected
     * @param values  the cleaned values
     */
    record PreviewRow(long line, String outcome, @Nullable String reason, Map<String, Object> values) {}

    private long rows;
    private long imported;
    private long merged;
    private long rejected;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> warningsByReason = new TreeMap<>();
    private final List<RowIssue> rejectedRows = new ArrayList<>();
    private final List<RowIssue> warningRows = new ArrayList<>();
    private final Map<Long, Map<String, Object>> previewValues = new LinkedHashMap<>();
    private final Map<Long, String[]> previewOutcomes = new LinkedHashMap<>();

    /** Counts a row read from the file; every counted row must end imported, merged or rejected. */
    void row(long line) {
        rows++;
        if (previewValues.size() < PREVIEW_ROWS) {
            previewValues.put(line, new LinkedHashMap<>());
        }
    }

    /** The preview values of a row among the first ones, or null for later rows. */
    @Nullable Map<String, Object> preview(long line) {
        return previewValues.get(line);
    }

    void imported(long line) {
        imported++;
        outcome(line, "imported", null);
    }

    void merged(long line) {
        merged++;
        outcome(line, "merged", null);
    }

    void rejected(long line, Reason reason, String detail) {
        rejected++;
        rejectedByReason.merge(reason.code(), 1L, Long::sum);
        rejectedRows.add(new RowIssue(line, reason.code(), detail));
        outcome(line, "rejected", reason.code());
    }

    void warning(long line, Reason reason, String detail) {
        warningsByReason.merge(reason.code(), 1L, Long::sum);
        if (warningRows.size() < MAX_WARNING_ROWS) {
            warningRows.add(new RowIssue(line, reason.code(), detail));
        }
    }

    private void outcome(long line, String outcome, @Nullable String reason) {
        if (previewValues.containsKey(line)) {
            previewOutcomes.put(line, new String[] {outcome, reason});
        }
    }

    long rows() {
        return rows;
    }

    long imported() {
        return imported;
    }

    long merged() {
        return merged;
    }

    long rejected() {
        return rejected;
    }

    Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }

    Map<String, Long> warningsByReason() {
        return warningsByReason;
    }

    List<RowIssue> rejectedRows() {
        rejectedRows.sort(java.util.Comparator.comparingLong(RowIssue::line));
        return rejectedRows;
    }

    List<RowIssue> warningRows() {
        return warningRows;
    }

    List<PreviewRow> previewRows() {
        List<PreviewRow> preview = new ArrayList<>(previewValues.size());
        previewValues.forEach((line, values) -> {
            String[] outcome = previewOutcomes.getOrDefault(line, new String[] {"pending", null});
            preview.add(new PreviewRow(line, outcome[0], outcome[1], values));
        });
        return preview;
    }
}
