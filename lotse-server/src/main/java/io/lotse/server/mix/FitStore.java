package io.lotse.server.mix;

import io.lotse.engine.mix.LiftTest;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fits and their stored parameters in {@code mix_fits}. */
@Repository
class FitStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FitStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a fit as running and returns its id. */
    long start(MixOutcome outcome, JsonNode settings, String requestedBy, Instant at) {
        long id = jdbc.sql("""
                        INSERT INTO mix_fits (model_version, status, outcome, requested_at, requested_by, settings)
                        VALUES ('pending', 'running', ?, ?, ?, ?::jsonb) RETURNING id""")
                .params(outcome.key(), Timestamp.from(at), requestedBy, json.writeValueAsString(settings))
                .query(Long.class).single();
        jdbc.sql("UPDATE mix_fits SET model_version = ? WHERE id = ?").params(modelVersion(id), id).update();
        return id;
    }

    /** The model version of a fit: its id and the engine version, e.g. {@code mix-7/lotse-mix-1}. */
    static String modelVersion(long id) {
        return "mix-" + id + "/" + io.lotse.engine.mix.Provenance.ENGINE_VERSION;
    }

    void finish(long id, JsonNode input, JsonNode models, JsonNode result, Instant at) {
        jdbc.sql("""
                        UPDATE mix_fits SET status = 'done', input = ?::jsonb, models = ?::jsonb, result = ?::jsonb,
                               finished_at = ? WHERE id = ?""")
                .params(json.writeValueAsString(input), json.writeValueAsString(models),
                        json.writeValueAsString(result), Timestamp.from(at), id)
                .update();
    }

    void fail(long id, String error, Instant at) {
        jdbc.sql("UPDATE mix_fits SET status = 'failed', error = ?, finished_at = ? WHERE id = ?")
                .params(error, Timestamp.from(at), id).update();
    }

    /** Fits left running by a stopped server never finish: marks them failed. */
    int failAbandoned(Instant at) {
        return jdbc.sql("""
                        UPDATE mix_fits SET status = 'failed', finished_at = ?,
                               error = 'The server stopped before the fit finished.' WHERE status = 'running'""")
                .param(Timestamp.from(at)).update();
    }

    private static final String SUMMARY = """
            SELECT id, model_version, status, outcome, requested_at, requested_by, finished_at,
                   result->>'firstWeek', result->>'lastWeek', coalesce((result->>'weeks')::int, 0),
                   coalesce(result->'channelNames', '[]'::jsonb)::text, error
            FROM mix_fits""";

    private FitSummary summary(ResultSet rs, int row) throws SQLException {
        List<String> channels = new ArrayList<>();
        json.readTree(rs.getString(11)).forEach(c -> channels.add(c.asString()));
        Timestamp finished = rs.getTimestamp(7);
        return new FitSummary(rs.getLong(1), rs.getString(2), rs.getString(3), MixOutcome.fromKey(rs.getString(4)),
                rs.getTimestamp(5).toInstant(), rs.getString(6), finished == null ? null : finished.toInstant(),
                date(rs.getString(8)), date(rs.getString(9)), rs.getInt(10), channels, rs.getString(12));
    }

    private static @Nullable LocalDate date(@Nullable String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    List<FitSummary> list(int limit) {
        return jdbc.sql(SUMMARY + " ORDER BY requested_at DESC, id DESC LIMIT ?").param(limit).query(this::summary)
                .list();
    }

    Optional<FitSummary> find(long id) {
        return jdbc.sql(SUMMARY + " WHERE id = ?").param(id).query(this::summary).optional();
    }

    Optional<FitSummary> latestDone() {
        return jdbc.sql(SUMMARY + " WHERE status = 'done' ORDER BY finished_at DESC, id DESC LIMIT 1")
                .query(this::summary).optional();
    }

    /**
     * A finished fit's stored input, models and result.
     *
     * @param input  the weekly data
     * @param models the selected model, the bootstrap refits, diagnostics and provenance
     * @param result the summary shown in lists
     */
    record Stored(JsonNode input, JsonNode models, JsonNode result) {
    }

    Optional<Stored> stored(long id) {
        return jdbc.sql("SELECT input::text, models::text, result::text FROM mix_fits WHERE id = ? AND status = 'done'")
                .param(id)
                .query((rs, row) -> new Stored(json.readTree(rs.getString(1)), json.readTree(rs.getString(2)),
                        json.readTree(rs.getString(3))))
                .optional();
    }

    /** Lift tests, oldest first. */
    List<StoredLiftTest> liftTests() {
        return jdbc.sql("""
                        SELECT id, channel, date_from, date_to, incremental, lower_bound, upper_bound, note,
                               created_at, created_by
                        FROM mix_lift_tests ORDER BY id""")
                .query((rs, row) -> new StoredLiftTest(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                        rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10)))
                .list();
    }

    /** Stores a lift test (checked by {@link LiftTest} on creation); the answer carries its new id. */
    StoredLiftTest addLiftTest(LiftTest test, @Nullable String note, Instant at, String by) {
        long id = jdbc.sql("""
                        INSERT INTO mix_lift_tests (channel, date_from, date_to, incremental, lower_bound,
                                                    upper_bound, note, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(test.channel(), Date.valueOf(test.from()), Date.valueOf(test.to()), test.incremental(),
                        test.lower(), test.upper(), note, Timestamp.from(at), by)
                .query(Long.class).single();
        return new StoredLiftTest(id, test.channel(), test.from(), test.to(), test.incremental(), test.lower(),
                test.upper(), note, at, by);
    }

    boolean deleteLiftTest(long id) {
        return jdbc.sql("DELETE FROM mix_lift_tests WHERE id = ?").param(id).update() > 0;
    }

    /**
     * A lift test as stored.
     *
     * @param id          its id (0 before it is stored)
     * @param channel     the tested channel
     * @param from        first day
     * @param to          last day
     * @param incremental the measured incremental outcome
     * @param lower       lower end of its interval
     * @param upper       upper end
     * @param note        what the test was, or null
     * @param createdAt   when it was entered
     * @param createdBy   by whom
     */
    record StoredLiftTest(long id, String channel, LocalDate from, LocalDate to, double incremental, double lower,
                          double upper, @Nullable String note, Instant createdAt, String createdBy) {
    }
}
