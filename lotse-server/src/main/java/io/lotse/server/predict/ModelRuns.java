package io.lotse.server.predict;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The record of training runs, table {@code prediction_models}. */
@Repository
class ModelRuns {

    private static final String COLUMNS = """
            id, kind, status, trigger, trained_at, finished_at, window_start, window_end, seed, parameters::text,
            metrics::text, profiles, failure_type, failure""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelRuns(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a run that starts now; returns its id. */
    long start(String trigger, TrainingWindow window, long seed, Instant now) {
        return jdbc.sql("""
                        INSERT INTO prediction_models (kind, status, trigger, trained_at, window_start, window_end, seed)
                        VALUES (?, 'running', ?, ?, ?, ?, ?) RETURNING id""")
                .params(ModelRun.CUSTOMER_SCORES, trigger, Timestamp.from(now), timestamp(window.start()),
                        Timestamp.from(window.end()), seed)
                .query(Long.class).single();
    }

    /**
     * Marks runs still recorded as running, other than {@code current}, as failed: their process stopped before
     * they finished. Only the holder of the training lock may call it.
     */
    int failInterrupted(long current, Instant now) {
        return jdbc.sql("""
                        UPDATE prediction_models SET status = 'failed', finished_at = ?, failure_type = 'error',
                               failure = 'Interrupted: the server stopped before the run finished.'
                        WHERE status = 'running' AND id <> ?""")
                .params(Timestamp.from(now), current).update();
    }

    void succeed(long id, JsonNode parameters, JsonNode metrics, int profiles, Instant now) {
        jdbc.sql("""
                        UPDATE prediction_models SET status = 'succeeded', finished_at = ?, parameters = ?::jsonb,
                               metrics = ?::jsonb, profiles = ?
                        WHERE id = ?""")
                .params(Timestamp.from(now), json.writeValueAsString(parameters), json.writeValueAsString(metrics),
                        profiles, id)
                .update();
    }

    void fail(long id, ModelRun.Failure failure, JsonNode parameters, JsonNode metrics, Instant now) {
        jdbc.sql("""
                        UPDATE prediction_models SET status = 'failed', finished_at = ?, failure_type = ?, failure = ?,
                               parameters = ?::jsonb, metrics = ?::jsonb
                        WHERE id = ?""")
                .params(Timestamp.from(now), failure.type(), failure.detail(), json.writeValueAsString(parameters),
                        json.writeValueAsString(metrics), id)
                .update();
    }

    Optional<ModelRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prediction_models WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    /** The latest runs, newest first. */
    List<ModelRun> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prediction_models ORDER BY id DESC LIMIT ?").param(limit)
                .query(this::map).list();
    }

    /** The newest run still recorded as running. */
    Optional<ModelRun> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prediction_models WHERE status = 'running' ORDER BY id DESC "
                + "LIMIT 1").query(this::map).optional();
    }

    private ModelRun map(ResultSet rs, int row) throws SQLException {
        String failureType = rs.getString(13);
        return new ModelRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                rs.getTimestamp(8).toInstant(), rs.getLong(9), json.readTree(rs.getString(10)),
                json.readTree(rs.getString(11)), rs.getObject(12) == null ? null : rs.getInt(12),
                failureType == null ? null : new ModelRun.Failure(failureType, rs.getString(14)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
