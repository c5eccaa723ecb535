package io.lotse.server.segment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks profiles against a segment's rule and brings its members up to date, in one transaction per segment:
 * the rule, compiled to SQL, selects the members; the difference to the stored members is applied and recorded
 * in the same statement. The segment's row is locked meanwhile, so that evaluations of one segment never
 * overlap, across processes too. Entered and left events are published after the commit.
 */
@Component
class SegmentEvaluator {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final Timer fullTimer;
    private final Timer incrementalTimer;

    SegmentEvaluator(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher publisher,
                     MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.fullTimer = Timer.builder("lotse.segments.evaluation").tag("kind", "full")
                .description("Evaluations of a segment's rule").register(meters);
        this.incrementalTimer = Timer.builder("lotse.segments.evaluation").tag("kind", "incremental")
                .description("Evaluations of a segment's rule").register(meters);
    }

    /**
     * The changes of one evaluation.
     *
     * @param evaluation size and counts
     * @param entered    profiles that entered
     * @param left       profiles that left
     */
    record Outcome(SegmentEvaluation evaluation, List<Long> entered, List<Long> left) {

        boolean changed() {
            return !entered.isEmpty() || !left.isEmpty();
        }

        Outcome took(long tookMs) {
            SegmentEvaluation e = evaluation;
            return new Outcome(new SegmentEvaluation(e.size(), e.entered(), e.left(), tookMs), entered, left);
        }
    }

    /**
     * Evaluates a segment's latest rule, over all live profiles or only over some.
     *
     * @param segment    the segment as read; nothing happens when it was archived or got a newer rule meanwhile
     * @param segmentIds ids of the active segments by key, for rules referring to other segments
     * @param profileIds the profiles to check, {@code null} for all
     * @return what changed, empty when the segment was skipped
     */
    Optional<Outcome> evaluate(StoredSegment segment, Map<String, Long> segmentIds,
                               @Nullable Collection<Long> profileIds) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        boolean restricted = profileIds != null;
        SqlRule sql = SqlRule.compile(segment.rule(), segmentIds, now, restricted);
        Optional<Outcome> outcome = Optional.ofNullable(transactions.execute(status -> {
            settle(jdbc);
            Optional<Long> previousSize = jdbc.sql("""
                            SELECT s.size FROM segments s
                            WHERE s.id = ? AND s.archived_at IS NULL
                              AND (SELECT max(version) FROM segment_versions WHERE segment_id = s.id) = ?
                            FOR UPDATE""")
                    .params(segment.id(), segment.version()).query(Long.class).optional();
            if (previousSize.isEmpty()) {
                return null;
            }
            return apply(segment, sql, now, profileIds, previousSize.get());
        }));
        long took = System.nanoTime() - started;
        outcome.ifPresent(o -> {
            (restricted ? incrementalTimer : fullTimer).record(took, TimeUnit.NANOSECONDS);
            publish(segment, o, now);
        });
        return outcome.map(o -> o.took(TimeUnit.NANOSECONDS.toMillis(took)));
    }

    /**
     * Settings of an evaluation's transaction. Members are derived data: a crash losing the last evaluation is
     * repaired by the next one, so the commit need not wait for the disk. No parallel workers: each would build the
     * same hash tables of event counts again, doubling the CPU an evaluation takes on a small machine for little
     * gain in time, while ingestion needs the other core.
     */
    static void settle(JdbcClient jdbc) {
        jdbc.sql("""
                        SELECT set_config('synchronous_commit', 'off', true), set_config('work_mem', '64MB', true),
                               set_config('max_parallel_workers_per_gather', '0', true)""")
                .query((rs, row) -> true).list();
    }

    private Outcome apply(StoredSegment segment, SqlRule sql, Instant now, @Nullable Collection<Long> profileIds,
                          long previousSize) {
        boolean restricted = profileIds != null;
        String diff = """
                WITH target AS MATERIALIZED (SELECT p.id FROM %s WHERE %s),
                gone AS (
                    DELETE FROM segment_members m
                    WHERE m.segment_id = :segment %s AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.profile_id)
                    RETURNING m.profile_id),
                came AS (
                    INSERT INTO segment_members (segment_id, profile_id, entered_at)
                    SELECT :segment, t.id, :now FROM target t
                    WHERE NOT EXISTS (SELECT 1 FROM segment_members m
                                      WHERE m.segment_id = :segment AND m.profile_id = t.id)
                    RETURNING profile_id),
                recorded AS (
                    INSERT INTO segment_membership_changes (segment_id, profile_id, entered, changed_at, rule_version)
                    SELECT :segment, profile_id, true, :now, :version FROM came
                    UNION ALL
                    SELECT :segment, profile_id, false, :now, :version FROM gone
                    RETURNING profile_id, entered)
                SELECT profile_id, entered, NULL::bigint FROM recorded
                UNION ALL
                SELECT NULL, NULL, count(*) FROM target"""
                .formatted(sql.from(), sql.where(restricted), restricted ? "AND m.profile_id = ANY(:ids)" : "");
        Map<String, Object> parameters = new HashMap<>(sql.parameters());
        parameters.put("segment", segment.id());
        parameters.put("now", now.atOffset(ZoneOffset.UTC));
        parameters.put("version", segment.version());
        if (restricted) {
            parameters.put("ids", profileIds.toArray(Long[]::new));
        }
        List<Long> entered = new ArrayList<>();
        List<Long> left = new ArrayList<>();
        long[] targetSize = {0};
        jdbc.sql(diff).params(parameters).query(rs -> {
            long profileId = rs.getLong(1);
            if (rs.wasNull()) {
                targetSize[0] = rs.getLong(3);
            } else if (rs.getBoolean(2)) {
                entered.add(profileId);
            } else {
                left.add(profileId);
            }
        });
        long size = restricted ? previousSize + entered.size() - left.size() : targetSize[0];
        jdbc.sql("UPDATE segments SET size = ?, evaluated_at = coalesce(?, evaluated_at) WHERE id = ?")
                .params(size, restricted ? null : SegmentStore.timestamp(now), segment.id()).update();
        if (size != previousSize || !restricted && segment.evaluatedAt() == null) {
            jdbc.sql("""
                            INSERT INTO segment_sizes (segment_id, at, size)
                            VALUES (?, date_trunc('minute', ?::timestamptz), ?)
                            ON CONFLICT (segment_id, at) DO UPDATE SET size = excluded.size""")
                    .params(segment.id(), SegmentStore.timestamp(now), size).update();
        }
        return new Outcome(new SegmentEvaluation(size, entered.size(), left.size(), 0), entered, left);
    }

    private void publish(StoredSegment segment, Outcome outcome, Instant now) {
        for (long profileId : outcome.entered()) {
            publisher.publishEvent(new SegmentMembershipChanged(segment.id(), segment.key(), profileId, true, now));
        }
        for (long profileId : outcome.left()) {
            publisher.publishEvent(new SegmentMembershipChanged(segment.id(), segment.key(), profileId, false, now));
        }
    }
}
