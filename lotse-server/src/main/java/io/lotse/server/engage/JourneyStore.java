package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Journeys, the runs of people through them and the steps each run has begun. */
@Component
class JourneyStore {

    /** One person's state in a journey. */
    record Run(long id, long journeyId, long profileId, String status, @Nullable String currentStep, Instant nextAt,
               @Nullable String waitEvent, Instant enteredAt) {}

    /** A step a run has begun, with its outcome once done. */
    record StepRecord(String outcome, Instant startedAt, @Nullable Instant doneAt) {}

    private static final String RUN_COLUMNS =
            "id, journey_id, profile_id, status, current_step, next_at, wait_event, entered_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JourneyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Saves a new journey as a draft.
     *
     * @throws IllegalArgumentException when the trigger or a step is not valid
     */
    Journey create(String name, JsonNode trigger, JsonNode steps) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A journey needs a name.");
        }
        JourneyJson.parse(trigger, steps);
        Timestamp now = Timestamp.from(Instant.now());
        long id = jdbc.sql("""
                INSERT INTO engage_journeys (name, status, trigger, steps, created_at, updated_at)
                VALUES (?, 'draft', ?::jsonb, ?::jsonb, ?, ?) RETURNING id""")
                .params(name.strip(), json.writeValueAsString(trigger), json.writeValueAsString(steps), now, now)
                .query(Long.class).single();
        return find(id).orElseThrow();
    }

    Optional<Journey> update(long id, String name, JsonNode trigger, JsonNode steps) {
        JourneyJson.parse(trigger, steps);
        int changed = jdbc.sql("UPDATE engage_journeys SET name = ?, trigger = ?::jsonb, steps = ?::jsonb, "
                        + "updated_at = ? WHERE id = ?")
                .params(name.strip(), json.writeValueAsString(trigger), json.writeValueAsString(steps),
                        Timestamp.from(Instant.now()), id).update();
        return changed == 0 ? Optional.empty() : find(id);
    }

    boolean setStatus(long id, String status) {
        return jdbc.sql("UPDATE engage_journeys SET status = ?, updated_at = ? WHERE id = ?")
                .params(status, Timestamp.from(Instant.now()), id).update() == 1;
    }

    Optional<Journey> find(long id) {
        return jdbc.sql("SELECT id, name, status, trigger::text, steps::text, updated_at FROM engage_journeys WHERE id = ?")
                .param(id).query(this::map).optional();
    }

    List<Journey> list() {
        return jdbc.sql("SELECT id, name, status, trigger::text, steps::text, updated_at FROM engage_journeys ORDER BY id DESC")
                .query(this::map).list();
    }

    /** Active journeys with a trigger of this kind. */
    List<Journey> activeWithTrigger(String kind) {
        return jdbc.sql("SELECT id, name, status, trigger::text, steps::text, updated_at FROM engage_journeys "
                        + "WHERE status = 'active' AND trigger->>'kind' = ? ORDER BY id")
                .param(kind).query(this::map).list();
    }

    /**
     * Lets a person into a journey, unless the same cause let them in before or they are still in it.
     *
     * @param triggeredAt when the cause happened (the event's time), from which the journey watches what the
     *                    person does
     *
     * @return whether a run began
     */
    boolean enter(Journey journey, long profileId, String triggerKey, Instant triggeredAt) {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp entered = Timestamp.from(triggeredAt);
        return jdbc.sql("""
                INSERT INTO engage_journey_runs (journey_id, profile_id, trigger_key, status, current_step, next_at,
                                                 entered_at, updated_at)
                SELECT ?, ?, ?, 'active', ?, ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM engage_journey_runs WHERE journey_id = ? AND profile_id = ?
                                  AND status IN ('active', 'waiting'))
                ON CONFLICT (journey_id, profile_id, trigger_key) DO NOTHING""")
                .params(journey.id(), profileId, triggerKey, journey.definition().first().id(), now, entered, now,
                        journey.id(), profileId)
                .update() == 1;
    }

    /** The ids of runs that are due, oldest first. */
    List<Long> due(int limit) {
        return jdbc.sql("SELECT id FROM engage_journey_runs r WHERE status IN ('active', 'waiting') AND next_at <= now() "
                        + "AND EXISTS (SELECT 1 FROM engage_journeys j WHERE j.id = r.journey_id AND j.status = 'active') "
                        + "ORDER BY next_at LIMIT ?")
                .param(limit).query(Long.class).list();
    }

    /** Locks a run for the current transaction; empty when another runner holds it. */
    Optional<Run> lock(long runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM engage_journey_runs WHERE id = ? FOR UPDATE SKIP LOCKED")
                .param(runId).query(this::mapRun).optional();
    }

    Optional<Run> run(long runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM engage_journey_runs WHERE id = ?").param(runId)
                .query(this::mapRun).optional();
    }

    List<Run> runsOf(long journeyId, long profileId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM engage_journey_runs WHERE journey_id = ? AND profile_id = ? "
                        + "ORDER BY id").params(journeyId, profileId).query(this::mapRun).list();
    }

    /** Moves a run to its next step, or ends it. */
    void advance(long runId, String status, @Nullable String step, Instant nextAt, @Nullable String waitEvent) {
        jdbc.sql("UPDATE engage_journey_runs SET status = ?, current_step = ?, next_at = ?, wait_event = ?, "
                        + "updated_at = now() WHERE id = ?")
                .params(status, step, Timestamp.from(nextAt), waitEvent, runId).update();
    }

    /** Holds a run back until a time without moving it (quiet hours, a lease while a step acts). */
    void postpone(long runId, Instant until) {
        jdbc.sql("UPDATE engage_journey_runs SET next_at = ?, updated_at = now() WHERE id = ?")
                .params(Timestamp.from(until), runId).update();
    }

    /**
     * Wakes the waiting runs that wait for these events of these people; {@code people} and {@code events} are
     * parallel lists (person i did event i).
     *
     * @return how many runs were woken
     */
    int nudge(List<Long> people, List<String> events) {
        return jdbc.sql("""
                        UPDATE engage_journey_runs r SET next_at = now()
                        FROM (SELECT DISTINCT * FROM unnest(?::bigint[], ?::text[])) AS e(profile_id, event)
                        WHERE r.profile_id = e.profile_id AND r.status = 'waiting' AND r.wait_event = e.event""")
                .params(people.toArray(Long[]::new), events.toArray(String[]::new)).update();
    }

    /** Records that a run begins a step; false when it had begun it before (a restart in the middle of it). */
    boolean begin(long runId, String stepId, String outcome) {
        return jdbc.sql("INSERT INTO engage_journey_steps (run_id, step_id, outcome, started_at) VALUES (?, ?, ?, now()) "
                        + "ON CONFLICT (run_id, step_id) DO NOTHING")
                .params(runId, stepId, outcome).update() == 1;
    }

    void finishStep(long runId, String stepId, String outcome) {
        jdbc.sql("UPDATE engage_journey_steps SET outcome = ?, done_at = now() WHERE run_id = ? AND step_id = ?")
                .params(outcome, runId, stepId).update();
    }

    Optional<StepRecord> step(long runId, String stepId) {
        return jdbc.sql("SELECT outcome, started_at, done_at FROM engage_journey_steps WHERE run_id = ? AND step_id = ?")
                .params(runId, stepId).query((rs, n) -> {
                    Timestamp done = rs.getTimestamp(3);
                    return new StepRecord(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            done == null ? null : done.toInstant());
                }).optional();
    }

    /** Per step: how many runs reached it and how often each outcome came out of it. */
    Map<String, Map<String, Long>> funnel(long journeyId) {
        Map<String, Map<String, Long>> funnel = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.step_id, s.outcome, count(*) FROM engage_journey_steps s
                JOIN engage_journey_runs r ON r.id = s.run_id WHERE r.journey_id = ? GROUP BY s.step_id, s.outcome""")
                .param(journeyId)
                .query((rs, n) -> funnel.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getLong(3))).list();
        return funnel;
    }

    /** Runs per status of a journey. */
    Map<String, Long> runCounts(long journeyId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) FROM engage_journey_runs WHERE journey_id = ? GROUP BY status ORDER BY status")
                .param(journeyId).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private Journey map(ResultSet rs, int row) throws SQLException {
        JsonNode trigger = json.readTree(rs.getString(4));
        JsonNode steps = json.readTree(rs.getString(5));
        return new Journey(rs.getLong(1), rs.getString(2), rs.getString(3), trigger, steps,
                JourneyJson.parse(trigger, steps), rs.getTimestamp(6).toInstant());
    }

    private Run mapRun(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getTimestamp(8).toInstant());
    }
}
