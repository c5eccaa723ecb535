package io.lotse.server.importer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an import did with every row of a file: {@code rows = imported + merged + rejected}.
 *
 * @param summary          one line for people
 * @param id               the import's id; null for a dry run, which is not kept
 * @param kind             {@code contacts} or {@code orders}
 * @param fileName         the uploaded file's name
 * @param format           {@code csv}, {@code csv.gz} or {@code xlsx}
 * @param encoding         the character encoding of a CSV file ({@code UTF-8}, {@code windows-1252}, ...)
 * @param delimiter        the CSV delimiter
 * @param dryRun           whether nothing was written
 * @param startedAt        when the import started
 * @param durationMs       how long it took, reading to commit
 * @param rowsPerSecond    rows over duration
 * @param rows             data rows in the file (the header not counted)
 * @param imported         rows of people new to Lotse and to the file
 * @param merged           rows of people who already had a profile, or appeared on an earlier row
 * @param rejected         rows not imported; each is in {@code rejectedRows}
 * @param rejectedByReason rejected rows by reason code
 * @param warningsByReason dropped values of imported rows by reason code
 * @param events           the events the rows became
 * @param mapping          column to field, and how the mapping was found
 * @param preview          the first rows as they are imported
 * @param previewEvents    the first events as they are written to the log
 * @param rejectedRows     every rejected row, in file order
 * @param warningRows      dropped values of imported rows (the first 10,000)
 */
record ImportReport(
        String summary,
        @Nullable Long id,
        String kind,
        String fileName,
        String format,
        @Nullable String encoding,
        @Nullable String delimiter,
        boolean dryRun,
        Instant startedAt,
        long durationMs,
        long rowsPerSecond,
        long rows,
        long imported,
        long merged,
        long rejected,
        Map<String, Long> rejectedByReason,
        Map<String, Long> warningsByReason,
        Events events,
        List<Map<String, String>> mapping,
        List<Tally.PreviewRow> preview,
        List<JsonNode> previewEvents,
        List<Tally.RowIssue> rejectedRows,
        List<Tally.RowIssue> warningRows) {

    /**
     * The events of an import.
     *
     * @param built        events the rows became
     * @param stored       events newly written to the log
     * @param alreadyInLog events whose message id the log already held (a re-import)
     * @param identifies   identify calls (contacts)
     * @param orders       {@code Order Completed} events
     * @param refunds      {@code Order Refunded} events
     */
    record Events(long built, long stored, long alreadyInLog, long identifies, long orders, long refunds) {}

    ImportReport withId(long newId) {
        return new ImportReport(summary, newId, kind, fileName, format, encoding, delimiter, dryRun, startedAt,
                durationMs, rowsPerSecond, rows, imported, merged, rejected, rejectedByReason, warningsByReason,
                events, mapping, preview, previewEvents, rejectedRows, warningRows);
    }
}
