package io.lotse.server.engage;

import io.lotse.server.collect.CollectedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lead lifecycle: every event of a person adds its behaviour points, milestone events are remembered, and the
 * person moves to the furthest stage any of whose criteria holds (points, a propensity score, a milestone). Stages
 * only move forward by themselves; a person can set any stage. Each change is stored, published as
 * {@link LifecycleStageChanged}, written to the person's events, and at the hand-over stage queued for the CRM.
 */
@Component
class LeadLifecycle implements EngageLog.LoggedEventHandler {

    /** A person's place in the lifecycle. */
    record Lead(long profileId, int points, Set<String> milestones, String stage, Instant stageChangedAt) {}

    private final JdbcClient jdbc;
    private final ObjectProvider<ScoreSource> scores;
    private final ApplicationEventPublisher publisher;
    private final CrmHandover crm;
    private final EngageEvents events;
    private final People people;

    LeadLifecycle(JdbcClient jdbc, ObjectProvider<ScoreSource> scores,
                  ApplicationEventPublisher publisher, CrmHandover crm, EngageEvents events, People people) {
        this.jdbc = jdbc;
        this.scores = scores;
        this.publisher = publisher;
        this.crm = crm;
        this.events = events;
        this.people = people;
    }

    List<LifecycleStage> stages() {
        return jdbc.sql("SELECT key, name, position, min_points, score_name, min_score, on_event "
                        + "FROM engage_lifecycle_stages ORDER BY position")
                .query((rs, n) -> new LifecycleStage(rs.getString(1), rs.getString(2), rs.getInt(3),
                        (Integer) rs.getObject(4), rs.getString(5), (Double) rs.getObject(6), rs.getString(7)))
                .list();
    }

    /**
     * Changes a stage's name and criteria.
     *
     * @throws IllegalArgumentException for an empty name or a score without a threshold
     */
    boolean updateStage(String key, String name, @Nullable Integer minPoints, @Nullable String scoreName,
                        @Nullable Double minScore, @Nullable String onEvent) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A stage needs a name.");
        }
        if ((scoreName == null) != (minScore == null)) {
            throw new IllegalArgumentException("A score criterion needs both 'scoreName' and 'minScore'.");
        }
        return jdbc.sql("UPDATE engage_lifecycle_stages SET name = ?, min_points = ?, score_name = ?, min_score = ?, "
                        + "on_event = ? WHERE key = ?")
                .params(name.strip(), minPoints, scoreName, minScore, onEvent, key).update() == 1;
    }

    Map<String, Integer> pointRules() {
        Map<String, Integer> rules = new LinkedHashMap<>();
        jdbc.sql("SELECT event, points FROM engage_point_rules ORDER BY event")
                .query((rs, n) -> rules.put(rs.getString(1), rs.getInt(2))).list();
        return rules;
    }

    void setPointRule(String event, int points) {
        if (event.isBlank()) {
            throw new IllegalArgumentException("A point rule needs an event name.");
        }
        jdbc.sql("INSERT INTO engage_point_rules (event, points) VALUES (?, ?) "
                        + "ON CONFLICT (event) DO UPDATE SET points = excluded.points")
                .params(event.strip(), points).update();
    }

    /** The events that earn points and those that mark a stage. */
    @Override
    public Set<String> trackedEvents() {
        Set<String> names = new HashSet<>(pointRules().keySet());
        names.addAll(milestoneEvents(stages()));
        return names;
    }

    /** The events that mark reaching a stage. */
    private static Set<String> milestoneEvents(List<LifecycleStage> stages) {
        Set<String> events = new HashSet<>();
        for (LifecycleStage stage : stages) {
            if (stage.onEvent() != null) {
                events.add(stage.onEvent());
            }
        }
        return events;
    }

    @Override
    public void handle(List<EngageLog.Event> batch) {
        Map<String, Integer> rules = pointRules();
        List<LifecycleStage> stages = stages();
        Set<String> milestoneEvents = milestoneEvents(stages);
        Map<Long, int[]> pointsAdded = new LinkedHashMap<>();
        Map<Long, Set<String>> reached = new HashMap<>();
        for (EngageLog.Event event : batch) {
            if (event.profileId() == null || !"track".equals(event.type()) || event.event() == null) {
                continue;
            }
            Integer points = rules.get(event.event());
            if (points != null) {
                pointsAdded.computeIfAbsent(event.profileId(), id -> new int[1])[0] += points;
            }
            if (milestoneEvents.contains(event.event())) {
                pointsAdded.computeIfAbsent(event.profileId(), id -> new int[1]);
                reached.computeIfAbsent(event.profileId(), id -> new HashSet<>()).add(event.event());
            }
        }
        if (pointsAdded.isEmpty()) {
            return;
        }
        boolean scored = stages.stream().anyMatch(s -> s.scoreName() != null);
        Map<Long, Map<String, Double>> scoresById = new HashMap<>();
        if (scored) {
            scores.orderedStream().forEach(source -> scoresById.putAll(source.scoresFor(pointsAdded.keySet())));
        }
        Map<Long, Lead> leads = addAll(pointsAdded, reached, stages.get(0));
        List<StageChange> changes = new ArrayList<>();
        for (long profileId : pointsAdded.keySet()) {
            Lead lead = leads.get(profileId);
            LifecycleStage current = stages.stream().filter(s -> s.key().equals(lead.stage())).findFirst()
                    .orElse(stages.get(0));
            for (int i = stages.size() - 1; i > stages.indexOf(current); i--) {
                String why = stages.get(i).reachedBy(lead.points(), scoresById.getOrDefault(profileId, Map.of()),
                        lead.milestones());
                if (why != null) {
                    changes.add(new StageChange(profileId, lead.stage(), stages.get(i).key(), why));
                    break;
                }
            }
        }
        changeAll(changes);
    }

    /** Adds points and milestones; a person met for the first time starts at the first stage. */
    private Lead add(long profileId, int points, Set<String> milestones, LifecycleStage first) {
        return addAll(Map.of(profileId, new int[] {points}), Map.of(profileId, milestones), first).get(profileId);
    }

    /**
     * Adds points and milestones to many people's leads in one statement (a person's first points create their
     * lead at the first stage); returns each lead as it is now.
     */
    private Map<Long, Lead> addAll(Map<Long, int[]> points, Map<Long, Set<String>> milestones, LifecycleStage first) {
        Long[] ids = points.keySet().toArray(Long[]::new);
        Integer[] added = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            added[i] = points.get(ids[i])[0];
        }
        List<Long> reachedBy = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        milestones.forEach((id, names) -> names.forEach(name -> {
            reachedBy.add(id);
            reached.add(name);
        }));
        Timestamp now = Timestamp.from(Instant.now());
        Map<Long, Lead> leads = new HashMap<>();
        jdbc.sql("""
                INSERT INTO engage_leads (profile_id, points, milestones, stage, stage_changed_at, updated_at)
                SELECT a.profile_id, a.points, coalesce(m.names, '{}'), ?, ?, ?
                FROM unnest(?::bigint[], ?::int[]) AS a(profile_id, points)
                LEFT JOIN (SELECT profile_id, array_agg(name) AS names
                           FROM unnest(?::bigint[], ?::text[]) AS r(profile_id, name) GROUP BY profile_id) m
                  USING (profile_id)
                ON CONFLICT (profile_id) DO UPDATE SET points = engage_leads.points + excluded.points,
                    milestones = CASE WHEN cardinality(excluded.milestones) = 0 THEN engage_leads.milestones
                        ELSE ARRAY(SELECT DISTINCT unnest(engage_leads.milestones || excluded.milestones)) END,
                    updated_at = excluded.updated_at
                RETURNING profile_id, points, milestones, stage, stage_changed_at""")
                .params(first.key(), now, now, ids, added, reachedBy.toArray(Long[]::new),
                        reached.toArray(String[]::new))
                .query(rs -> {
                    leads.put(rs.getLong(1), new Lead(rs.getLong(1), rs.getInt(2),
                            new HashSet<>(Arrays.asList((String[]) rs.getArray(3).getArray())), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                });
        return leads;
    }

    /** A person's move from one stage to another, and why. */
    private record StageChange(long profileId, @Nullable String from, String to, String reason) {}

    /**
     * Moves people to stages: stored, published, written to their events and, at the hand-over stage, queued for
     * the CRM. The people are read together, so a round in which many reach a stage costs a few statements.
     */
    private void changeAll(List<StageChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        Long[] ids = changes.stream().map(StageChange::profileId).toArray(Long[]::new);
        String[] from = changes.stream().map(StageChange::from).toArray(String[]::new);
        String[] to = changes.stream().map(StageChange::to).toArray(String[]::new);
        String[] reasons = changes.stream().map(StageChange::reason).toArray(String[]::new);
        jdbc.sql("""
                UPDATE engage_leads l SET stage = c.stage, stage_changed_at = ?
                FROM unnest(?::bigint[], ?::text[]) AS c(profile_id, stage) WHERE l.profile_id = c.profile_id""")
                .params(at, ids, to).update();
        Map<Long, Long> changeIds = new HashMap<>();
        jdbc.sql("""
                INSERT INTO engage_stage_changes (profile_id, from_stage, to_stage, reason, changed_at)
                SELECT c.profile_id, c.from_stage, c.to_stage, c.reason, ?
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS c(profile_id, from_stage, to_stage, reason)
                RETURNING profile_id, id""")
                .params(at, ids, from, to, reasons)
                .query(rs -> {
                    changeIds.put(rs.getLong(1), rs.getLong(2));
                });
        Map<Long, Person> people = this.people.load(List.of(ids), Set.of(), false);
        List<CollectedEvent> tracked = new ArrayList<>();
        for (StageChange change : changes) {
            long profileId = change.profileId();
            publisher.publishEvent(new LifecycleStageChanged(profileId, change.from(), change.to(), change.reason(),
                    now));
            Person person = people.get(profileId);
            if (person != null) {
                Map<String, Object> properties = new LinkedHashMap<>();
                if (change.from() != null) {
                    properties.put("from", change.from());
                }
                properties.put("to", change.to());
                properties.put("reason", change.reason());
                tracked.add(events.trackEvent("Lifecycle Stage Changed", "stage-" + changeIds.get(profileId),
                        person.userId(), person.email(), properties, Map.of()));
            }
            crm.onStageChanged(profileId, change.to(), person);
        }
        events.append(tracked);
    }

    /** Sets a person's stage by hand, in any direction. */
    boolean setStage(long profileId, String stage, String by) {
        if (stages().stream().noneMatch(s -> s.key().equals(stage))) {
            throw new IllegalArgumentException("There is no stage '" + stage + "'.");
        }
        Lead lead = add(profileId, 0, Set.of(), stages().get(0));
        if (lead.stage().equals(stage)) {
            return false;
        }
        changeAll(List.of(new StageChange(profileId, lead.stage(), stage, "set by " + by)));
        return true;
    }

    Optional<Lead> lead(long profileId) {
        return jdbc.sql("SELECT profile_id, points, milestones, stage, stage_changed_at FROM engage_leads WHERE profile_id = ?")
                .param(profileId)
                .query((rs, n) -> new Lead(rs.getLong(1), rs.getInt(2),
                        new HashSet<>(Arrays.asList((String[]) rs.getArray(3).getArray())), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** The stage changes of a person, oldest first. */
    List<Map<String, Object>> history(long profileId) {
        return jdbc.sql("SELECT from_stage, to_stage, reason, changed_at FROM engage_stage_changes WHERE profile_id = ? "
                        + "ORDER BY id").param(profileId).query((rs, n) -> {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("from", rs.getString(1));
                    change.put("to", rs.getString(2));
                    change.put("reason", rs.getString(3));
                    change.put("changedAt", rs.getTimestamp(4).toInstant());
                    return change;
                }).list();
    }

    /** People per stage, in stage order, for the overview. */
    Map<String, Long> countsByStage() {
        Map<String, Long> counts = new LinkedHashMap<>();
        stages().forEach(s -> counts.put(s.key(), 0L));
        jdbc.sql("SELECT stage, count(*) FROM engage_leads GROUP BY stage")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    static ObjectNode leadPayload(long profileId, String stage, @Nullable Person person) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("profileId", profileId);
        payload.put("stage", stage);
        if (person != null) {
            payload.put("email", person.email());
            if (person.userId() != null) {
                payload.put("userId", person.userId());
            }
            payload.set("traits", person.traits());
        }
        return payload;
    }
}
