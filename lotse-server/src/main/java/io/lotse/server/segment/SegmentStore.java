package io.lotse.server.segment;

import io.lotse.engine.segment.RuleJson;
import io.lotse.engine.segment.SegmentDependencies;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Segments, their versions, members and sizes in the database. */
@Repository
class SegmentStore {

    private static final String SEGMENT = """
            SELECT s.id, s.key, s.name, s.description, s.created_at, s.archived_at, s.size, s.evaluated_at,
                   v.version, v.rule::text, v.created_at
            FROM segments s
            JOIN LATERAL (SELECT version, rule, created_at FROM segment_versions
                          WHERE segment_id = s.id ORDER BY version DESC LIMIT 1) v ON true""";

    /** A profile as a member row: id, display name, email, user id. Reads the profile module's tables. */
    static final String MEMBER_COLUMNS = """
            p.id, coalesce(p.traits->>'name', nullif(concat_ws(' ', coalesce(p.traits->>'firstName',
                   p.traits->>'first_name'), coalesce(p.traits->>'lastName', p.traits->>'last_name')), '')),
                   p.traits->>'email',
                   (SELECT value FROM identities i WHERE i.profile_id = p.id AND i.type = 'user_id' LIMIT 1)""";

    private final JdbcClient jdbc;
    private final RuleCodec rules;

    SegmentStore(JdbcClient jdbc, RuleCodec rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    Optional<StoredSegment> find(String key) {
        return jdbc.sql(SEGMENT + " WHERE s.key = ?").param(key).query(this::segment).optional();
    }

    /** Segments by name; archived ones only when asked for. */
    List<StoredSegment> list(boolean archived) {
        return jdbc.sql(SEGMENT + " WHERE (s.archived_at IS NULL) <> ? ORDER BY lower(s.name), s.key")
                .param(archived).query(this::segment).list();
    }

    List<StoredSegment> active() {
        return list(false);
    }

    Set<String> archivedKeys() {
        return Set.copyOf(jdbc.sql("SELECT key FROM segments WHERE archived_at IS NOT NULL").query(String.class).list());
    }

    private StoredSegment segment(ResultSet rs, int row) throws SQLException {
        return new StoredSegment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                nullableInstant(rs, 6), rs.getLong(7), nullableInstant(rs, 8), rs.getInt(9),
                rules.read(rs.getString(10)), instant(rs, 11));
    }

    /** Which segments each active segment's rule refers to. */
    static SegmentDependencies dependencies(List<StoredSegment> active) {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        for (StoredSegment segment : active) {
            references.put(segment.key(), RuleJson.segmentReferences(segment.rule()).stream()
                    .map(RuleJson.SegmentReference::key).collect(Collectors.toSet()));
        }
        return new SegmentDependencies(references);
    }

    /** Serialises changes to rules across threads and processes until the transaction ends. */
    void lockRules() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('lotse.segments.rules'))").query((rs, row) -> true).list();
    }

    long insert(String key, String name, String description, Instant now) {
        return jdbc.sql("""
                        INSERT INTO segments (key, name, description, created_at) VALUES (?, ?, ?, ?)
                        RETURNING id""")
                .params(key, name, description, timestamp(now)).query(Long.class).single();
    }

    void addVersion(long segmentId, int version, String rule, Instant now, @Nullable String createdBy) {
        jdbc.sql("""
                        INSERT INTO segment_versions (segment_id, version, rule, created_at, created_by)
                        VALUES (?, ?, ?::jsonb, ?, ?)""")
                .params(segmentId, version, rule, timestamp(now), createdBy).update();
    }

    void describe(long segmentId, String name, String description) {
        jdbc.sql("UPDATE segments SET name = ?, description = ? WHERE id = ?")
                .params(name, description, segmentId).update();
    }

    /** Archives a segment and lets go of its members; versions, changes and sizes stay for the record. */
    void archive(long segmentId, Instant now) {
        jdbc.sql("UPDATE segments SET archived_at = ?, size = 0 WHERE id = ?").params(timestamp(now), segmentId)
                .update();
        jdbc.sql("DELETE FROM segment_members WHERE segment_id = ?").param(segmentId).update();
        jdbc.sql("""
                        INSERT INTO segment_sizes (segment_id, at, size) VALUES (?, date_trunc('minute', ?::timestamptz), 0)
                        ON CONFLICT (segment_id, at) DO UPDATE SET size = 0""")
                .params(segmentId, timestamp(now)).update();
    }

    /** A page of members ordered by profile id, after {@code afterProfileId}. */
    List<SegmentMember> members(long segmentId, long afterProfileId, int limit) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + ", m.entered_at FROM segment_members m"
                        + " JOIN profiles p ON p.id = m.profile_id"
                        + " WHERE m.segment_id = ? AND m.profile_id > ? ORDER BY m.profile_id LIMIT ?")
                .params(segmentId, afterProfileId, limit).query(SegmentStore::member).list();
    }

    /** The most recent members first; for the segment page. */
    List<SegmentMember> newestMembers(long segmentId, int limit) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + ", m.entered_at FROM segment_members m"
                        + " JOIN profiles p ON p.id = m.profile_id"
                        + " WHERE m.segment_id = ? ORDER BY m.entered_at DESC, m.profile_id LIMIT ?")
                .params(segmentId, limit).query(SegmentStore::member).list();
    }

    /** Every member, streamed in profile id order; must run in a transaction so that rows are fetched in chunks. */
    void eachMember(long segmentId, Consumer<SegmentMember> sink) {
        jdbc.sql("SELECT " + MEMBER_COLUMNS + ", m.entered_at FROM segment_members m"
                        + " JOIN profiles p ON p.id = m.profile_id WHERE m.segment_id = ? ORDER BY m.profile_id")
                .param(segmentId).withFetchSize(2_000)
                .query(rs -> {
                    sink.accept(member(rs, 0));
                });
    }

    static SegmentMember member(ResultSet rs, int row) throws SQLException {
        return new SegmentMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5));
    }

    List<SegmentHistory.Version> versions(long segmentId) {
        return jdbc.sql("""
                        SELECT version, rule::text, created_at, created_by FROM segment_versions
                        WHERE segment_id = ? ORDER BY version DESC""")
                .param(segmentId)
                .query((rs, row) -> new SegmentHistory.Version(rs.getInt(1), rules.toJson(rules.read(rs.getString(2))),
                        instant(rs, 3), rs.getString(4)))
                .list();
    }

    /** Sizes since a time, oldest first, starting with the size at that time when it is known. */
    List<SegmentHistory.SizePoint> sizes(long segmentId, Instant since) {
        List<SegmentHistory.SizePoint> points = new ArrayList<>();
        jdbc.sql("""
                        (SELECT at, size FROM segment_sizes WHERE segment_id = ? AND at < ? ORDER BY at DESC LIMIT 1)
                        UNION ALL
                        (SELECT at, size FROM segment_sizes WHERE segment_id = ? AND at >= ? ORDER BY at)""")
                .params(segmentId, timestamp(since), segmentId, timestamp(since))
                .query((rs, row) -> new SegmentHistory.SizePoint(instant(rs, 1), rs.getLong(2)))
                .list().forEach(point -> points.add(point.at().isBefore(since)
                        ? new SegmentHistory.SizePoint(since, point.size()) : point));
        return points;
    }

    /**
     * Keeps the size history small: points older than two days are thinned to the last one of each hour, points
     * older than 90 days to the last one of each day.
     */
    int thinSizes(Instant now) {
        return jdbc.sql("""
                        DELETE FROM segment_sizes s USING (
                            SELECT segment_id, at,
                                   row_number() OVER (PARTITION BY segment_id,
                                       CASE WHEN at < ?::timestamptz - interval '90 days'
                                            THEN date_trunc('day', at) ELSE date_trunc('hour', at) END
                                       ORDER BY at DESC) AS rank
                            FROM segment_sizes WHERE at < ?::timestamptz - interval '2 days') old
                        WHERE s.segment_id = old.segment_id AND s.at = old.at AND old.rank > 1""")
                .params(timestamp(now), timestamp(now)).update();
    }

    /** Deletes what segments hold about erased profiles. */
    List<Membership> forget(Set<Long> profileIds) {
        Long[] ids = profileIds.toArray(Long[]::new);
        List<Membership> memberships = jdbc.sql("""
                        DELETE FROM segment_members m USING segments s
                        WHERE m.profile_id = ANY(?) AND s.id = m.segment_id
                        RETURNING s.id, s.key, m.profile_id""")
                .param(ids).query((rs, row) -> new Membership(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        jdbc.sql("DELETE FROM segment_membership_changes WHERE profile_id = ANY(?)").param(ids).update();
        memberships.stream().collect(Collectors.groupingBy(Membership::segmentId, Collectors.counting()))
                .forEach((segmentId, count) -> jdbc.sql("UPDATE segments SET size = size - ? WHERE id = ?")
                        .params(count, segmentId).update());
        return memberships;
    }

    /**
     * A profile's membership of a segment.
     *
     * @param segmentId  the segment
     * @param segmentKey its key
     * @param profileId  the profile
     */
    record Membership(long segmentId, String segmentKey, long profileId) {}

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }

    static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
