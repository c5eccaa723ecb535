package io.lotse.server.importer;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Imports and their reports, in the {@code imports} table. */
@Repository
class ImportStore {

    /** Rejected rows and warnings shown per import in lists; the full report has all of them. */
    static final int LISTED_ROWS = 100;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long save(ImportReport report) {
        return jdbc.sql("""
                        INSERT INTO imports (kind, file_name, started_at, duration_ms, row_count, imported, merged,
                                             rejected, events_stored, report)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id""")
                .params(report.kind(), report.fileName(), Timestamp.from(report.startedAt()), report.durationMs(),
                        report.rows(), report.imported(), report.merged(), report.rejected(),
                        report.events().stored(), json.writeValueAsString(report))
                .query(Long.class).single();
    }

    /** The newest imports, their reports shortened to the first rejected rows and warnings. */
    List<JsonNode> recent(int limit) {
        return jdbc.sql("""
                        SELECT id, (report - 'rejectedRows' - 'warningRows' - 'previewEvents')
                                   || jsonb_build_object(
                                        'rejectedRows', jsonb_path_query_array(report, '$.rejectedRows[0 to %d]'),
                                        'warningRows', jsonb_path_query_array(report, '$.warningRows[0 to %d]'))
                        FROM imports ORDER BY started_at DESC, id DESC LIMIT ?"""
                        .formatted(LISTED_ROWS - 1, LISTED_ROWS - 1))
                .param(limit)
                .query((rs, row) -> withId(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /**
     * An import in the list of the upload page.
     *
     * @param id        the import's id
     * @param kind      contacts or orders
     * @param fileName  the file
     * @param startedAt when it ran
     * @param rows      rows read
     * @param imported  rows of new people
     * @param merged    rows of people already known
     * @param rejected  rows not imported
     * @param stored    events newly written to the log
     */
    record Listed(long id, String kind, String fileName, java.time.Instant startedAt, long rows, long imported,
                  long merged, long rejected, long stored) {}

    List<Listed> list(int limit) {
        return jdbc.sql("""
                        SELECT id, kind, file_name, started_at, row_count, imported, merged, rejected, events_stored
                        FROM imports ORDER BY started_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((rs, row) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getLong(9)))
                .list();
    }

    /** One import's full report, as the record. */
    Optional<ImportReport> report(long id) {
        return jdbc.sql("SELECT report::text FROM imports WHERE id = ?").param(id).query(String.class).optional()
                .map(text -> json.readValue(text, ImportReport.class).withId(id));
    }

    /** One import's full report. */
    Optional<JsonNode> find(long id) {
        return jdbc.sql("SELECT id, report::text FROM imports WHERE id = ?").param(id)
                .query((rs, row) -> withId(rs.getLong(1), rs.getString(2))).optional();
    }

    private JsonNode withId(long id, String report) {
        ObjectNode node = (ObjectNode) json.readTree(report);
        node.put("id", id);
        if (!node.path("rejectedRows").isArray()) {
            node.set("rejectedRows", ArrayNode.class.cast(json.createArrayNode()));
        }
        return node;
    }
}
