package io.lotse.server.identity;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityGraph;
import io.lotse.engine.identity.IdentityLimits;
import io.lotse.engine.identity.IdentityType;
import io.lotse.engine.identity.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves the identifiers of logged events to profiles and keeps the identity graph in PostgreSQL.
 *
 * <p>For a batch of sightings it loads only the part of the graph they touch, lets the engine's
 * {@link IdentityGraph} decide, and writes the changes back: new identities, merges with their cause, refused
 * links. It must run inside the caller's transaction, which also advances the caller's log position, so that
 * a batch is applied exactly once.
 */
@Service
public class IdentityResolution {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final IdentityLimits limits;
    private final ProfileIdAllocator allocator;
    private final IdentityCache cache = new IdentityCache(2_000_000);
    private final Counter mergesCounter;
    private final MeterRegistry meters;

    IdentityResolution(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, ApplicationEventPublisher events,
                       io.lotse.server.collect.EventIdentifiers identifiers, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.events = events;
        this.limits = identifiers.limits();
        this.allocator = new ProfileIdAllocator(jdbc);
        this.meters = meters;
        this.mergesCounter = Counter.builder("lotse.identity.merges").description("Profiles merged").register(meters);
    }

    /**
     * Resolves a batch of sightings in log order.
     *
     * <p>An alias's previous id may be a user id or an anonymous id; callers pass it as an anonymous id and it
     * is matched against existing user ids as well.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ResolvedBatch resolve(List<Sighting> sightings, long fromPosition, long toPosition) {
        cache.beginRound(fromPosition);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    cache.committed(toPosition);
                } else {
                    cache.clear();
                }
            }
        });
        Set<Identifier> wanted = new LinkedHashSet<>();
        for (Sighting sighting : sightings) {
            for (Identifier identifier : sighting.identifiers()) {
                wanted.add(identifier);
                if (identifier.type().equals(IdentityType.ANONYMOUS_ID)) {
                    wanted.add(new Identifier(IdentityType.USER_ID, identifier.value()));
                }
            }
        }
        IdentityGraph graph = new IdentityGraph(limits, allocator::next);
        load(graph, wanted);

        Map<Long, Long> profileBySeq = new LinkedHashMap<>();
        List<PendingMerge> merges = new ArrayList<>();
        Map<Identifier, NewIdentity> attached = new LinkedHashMap<>();
        Set<Long> created = new HashSet<>();
        List<SeenRefusal> refusals = new ArrayList<>();
        for (Sighting sighting : sightings) {
            Observation observation = graph.observe(sighting.identifiers());
            profileBySeq.put(sighting.seq(), observation.profileId());
            if (observation.created()) {
                created.add(observation.profileId());
            }
            for (Identifier identifier : observation.attached()) {
                attached.put(identifier, new NewIdentity(identifier, observation.profileId(), sighting.at(),
                        sighting.seq()));
            }
            for (Observation.Merge merge : observation.merges()) {
                merges.add(new PendingMerge(merge, sighting));
            }
            for (Observation.Refusal refusal : observation.refusals()) {
                refusals.add(new SeenRefusal(refusal, sighting.seq()));
            }
        }
        // An earlier event of this batch may have gone to a profile merged later in the same batch.
        Map<Long, Long> mergedInto = new HashMap<>();
        merges.forEach(m -> mergedInto.put(m.merge().mergedId(), m.merge().survivorId()));
        profileBySeq.replaceAll((seq, profile) -> {
            long current = profile;
            while (mergedInto.containsKey(current)) {
                current = mergedInto.get(current);
            }
            return current;
        });

        List<ProfileMerged> done = new ArrayList<>();
        for (PendingMerge pending : merges) {
            done.add(applyMerge(pending));
        }
        insertIdentities(attached.values(), graph);
        recordRefusals(refusals);
        remember(graph, changedProfiles(attached.values(), created, merges), merges);
        done.forEach(events::publishEvent);
        mergesCounter.increment(done.size());
        return new ResolvedBatch(profileBySeq, done, created);
    }

    /**
     * Loads into the graph every profile owning one of the wanted identifiers, from the cache where it holds them
     * and from the database otherwise, with all their identifiers and separations.
     */
    private void load(IdentityGraph graph, Set<Identifier> wanted) {
        Set<Long> owners = new HashSet<>();
        List<Identifier> unknown = new ArrayList<>();
        for (Identifier identifier : wanted) {
            Long owner = cache.owner(identifier);
            if (owner != null) {
                owners.add(owner);
            } else {
                unknown.add(identifier);
            }
        }
        if (!unknown.isEmpty()) {
            Set<Long> fromDatabase = new HashSet<>();
            forEachByType(unknown, (type, values) -> jdbc.sql(
                            "SELECT profile_id FROM identities WHERE type = ? AND value = ANY(?)")
                    .params(type.name(), values).query((rs, row) -> fromDatabase.add(rs.getLong(1))).list());
            List<Long> missing = fromDatabase.stream().filter(id -> !cache.holds(id)).toList();
            if (!missing.isEmpty()) {
                Map<Long, Set<Identifier>> byProfile = new HashMap<>();
                jdbc.sql("SELECT profile_id, type, value FROM identities WHERE profile_id = ANY(?)")
                        .param(missing.toArray(Long[]::new))
                        .query((rs, row) -> byProfile.computeIfAbsent(rs.getLong(1), id -> new LinkedHashSet<>())
                                .add(new Identifier(IdentityType.of(rs.getString(2)), rs.getString(3))))
                        .list();
                byProfile.forEach(cache::put);
            }
            owners.addAll(fromDatabase);
        }
        if (!cache.separationsLoaded()) {
            Map<Long, Set<Long>> separations = new HashMap<>();
            jdbc.sql("SELECT profile_a, profile_b FROM profile_separations").query((rs, row) -> {
                separations.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getLong(2));
                separations.computeIfAbsent(rs.getLong(2), id -> new HashSet<>()).add(rs.getLong(1));
                return null;
            }).list();
            cache.separations(separations);
        }
        for (long owner : owners) {
            graph.load(owner, cache.identifiersOf(owner));
            for (long other : cache.separatedFrom(owner)) {
                graph.separate(owner, other);
            }
        }
    }

    /**
     * Profiles whose identifiers this round changed. Every other profile loaded for the round is already in the
     * cache exactly as it is (it came from there, or {@link #load} put it there).
     */
    private static Set<Long> changedProfiles(Collection<NewIdentity> attached, Set<Long> created,
                                             List<PendingMerge> merges) {
        Set<Long> changed = new HashSet<>(created);
        attached.forEach(identity -> changed.add(identity.origin()));
        for (PendingMerge pending : merges) {
            changed.add(pending.merge().survivorId());
            changed.add(pending.merge().mergedId());
        }
        return changed;
    }

    /** Keeps the round's outcome in the cache: new and changed profiles, merged ones gone. */
    private void remember(IdentityGraph graph, Set<Long> changed, List<PendingMerge> merges) {
        Set<Long> live = graph.profiles();
        for (long profile : changed) {
            if (live.contains(profile)) {
                cache.put(profile, graph.identifiersOf(profile));
            } else {
                cache.remove(profile);
            }
        }
        boolean separationsMoved = merges.stream().anyMatch(m -> cache.hasSeparations(m.merge().mergedId()));
        if (separationsMoved) {
            cache.clear();
        }
    }

    /** Forgets the cached graph; for changes to identities outside the projection. */
    private void identitiesChangedElsewhere() {
        cache.clear();
    }

    private ProfileMerged applyMerge(PendingMerge pending) {
        Observation.Merge merge = pending.merge();
        long survivor = merge.survivorId();
        long merged = merge.mergedId();
        jdbc.sql("UPDATE identities SET profile_id = ? WHERE profile_id = ?").params(survivor, merged).update();
        jdbc.sql("""
                UPDATE profile_separations SET profile_a = ? WHERE profile_a = ?
                AND NOT EXISTS (SELECT 1 FROM profile_separations s WHERE s.profile_a = ? AND s.profile_b = profile_b)""")
                .params(survivor, merged, survivor).update();
        jdbc.sql("""
                UPDATE profile_separations SET profile_b = ? WHERE profile_b = ?
                AND NOT EXISTS (SELECT 1 FROM profile_separations s WHERE s.profile_b = ? AND s.profile_a = profile_a)""")
                .params(survivor, merged, survivor).update();
        List<String> linking = merge.linking().stream().map(Identifier::toString).toList();
        Instant now = Instant.now();
        long id = jdbc.sql("""
                        INSERT INTO profile_merges (survivor_id, merged_id, cause_seq, cause_message_id, linking, merged_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING id""")
                .params(survivor, merged, pending.cause().seq(), pending.cause().messageId(),
                        json.writeValueAsString(linking), Timestamp.from(now))
                .query(Long.class).single();
        return new ProfileMerged(id, survivor, merged, pending.cause().seq(), linking, now);
    }

    private void insertIdentities(Collection<NewIdentity> attached, IdentityGraph graph) {
        if (attached.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(attached.size());
        for (NewIdentity identity : attached) {
            long owner = graph.owner(identity.identifier()).orElse(identity.origin());
            rows.add(new Object[] {identity.identifier().type().name(), identity.identifier().value(), owner,
                    identity.origin(), Timestamp.from(identity.firstSeen()), identity.seq()});
        }
        template.batchUpdate("""
                INSERT INTO identities (type, value, profile_id, origin_profile_id, first_seen, seq)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
    }

    /**
     * Counts refused links, one row per profile pair, identifier and reason. Repeats within the batch are summed
     * first: one multi-row upsert may not touch the same row twice.
     */
    private void recordRefusals(List<SeenRefusal> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        Map<Observation.Refusal, long[]> byKey = new LinkedHashMap<>();
        for (SeenRefusal seen : refusals) {
            long[] firstLastCount = byKey.computeIfAbsent(seen.refusal(), key -> new long[] {seen.seq(), seen.seq(), 0});
            firstLastCount[1] = Math.max(firstLastCount[1], seen.seq());
            firstLastCount[2]++;
            meters.counter("lotse.identity.refusals", "reason", seen.refusal().reason().name()).increment();
        }
        List<Object[]> rows = new ArrayList<>(byKey.size());
        byKey.forEach((refusal, firstLastCount) -> rows.add(new Object[] {refusal.profileId(), refusal.otherProfile(),
                refusal.identifier().toString(), refusal.reason().name(), firstLastCount[0], firstLastCount[1],
                firstLastCount[2]}));
        template.batchUpdate("""
                INSERT INTO identity_refusals (profile_id, other_profile, identifier, reason, first_seq, last_seq, occurrences)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (profile_id, other_profile, identifier, reason)
                DO UPDATE SET last_seq = excluded.last_seq,
                              occurrences = identity_refusals.occurrences + excluded.occurrences""", rows);
    }

    /**
     * Calls {@code lookup} once per identifier type with that type's values. Looking identifiers up per type as
     * {@code type = ? AND value = ANY(?)} keeps every lookup an index probe; a join against the pairs as a set lets
     * the planner hash the whole identities table once a round brings a few thousand new identifiers.
     */
    private static void forEachByType(Collection<Identifier> identifiers,
                                      BiConsumer<IdentityType, String[]> lookup) {
        Map<IdentityType, List<String>> byType = new LinkedHashMap<>();
        for (Identifier identifier : identifiers) {
            byType.computeIfAbsent(identifier.type(), type -> new ArrayList<>()).add(identifier.value());
        }
        byType.forEach((type, values) -> lookup.accept(type, values.toArray(String[]::new)));
    }

    /** The live profile owning an identifier. */
    public Optional<Long> profileOf(Identifier identifier) {
        return jdbc.sql("SELECT profile_id FROM identities WHERE type = ? AND value = ?")
                .params(identifier.type().name(), identifier.value()).query(Long.class).optional();
    }

    /** Which of the identifiers some profile holds; one query per 10,000 identifiers. */
    public Set<Identifier> held(Collection<Identifier> identifiers) {
        List<Identifier> all = List.copyOf(new LinkedHashSet<>(identifiers));
        Set<Identifier> held = new HashSet<>();
        for (int from = 0; from < all.size(); from += 10_000) {
            List<Identifier> chunk = all.subList(from, Math.min(all.size(), from + 10_000));
            forEachByType(chunk, (type, values) -> jdbc.sql(
                            "SELECT value FROM identities WHERE type = ? AND value = ANY(?)")
                    .params(type.name(), values)
                    .query((rs, row) -> held.add(new Identifier(type, rs.getString(1)))).list());
        }
        return held;
    }

    /** Every identifier of a profile, oldest first. */
    public List<IdentityRecord> identitiesOf(long profileId) {
        return jdbc.sql("""
                        SELECT type, value, origin_profile_id, first_seen FROM identities
                        WHERE profile_id = ? ORDER BY first_seen, type, value""")
                .param(profileId)
                .query((rs, row) -> new IdentityRecord(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Merges into or out of a profile, newest first. */
    public List<MergeRecord> mergesOf(long profileId) {
        return jdbc.sql("""
                        SELECT id, survivor_id, merged_id, cause_message_id, cause_seq, linking::text, merged_at, undone_at
                        FROM profile_merges WHERE survivor_id = ? OR merged_id = ? ORDER BY id DESC""")
                .params(profileId, profileId)
                .query((rs, row) -> new MergeRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5), List.of(json.readValue(rs.getString(6), String[].class)),
                        rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .list();
    }

    /**
     * Undoes a merge into a profile: the merged profile gets back the identifiers that were first attached to
     * it (or to profiles merged into it before), and the two are kept apart from now on.
     *
     * @param mergeId the merge to undo, or {@code null} for the most recent merge into the profile
     * @return empty when the profile has no such merge that is still in effect
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UnmergeResult> unmerge(long survivorId, @Nullable Long mergeId) {
        Optional<long[]> merge = jdbc.sql("""
                        SELECT id, merged_id FROM profile_merges
                        WHERE survivor_id = ? AND undone_at IS NULL AND (?::bigint IS NULL OR id = ?)
                        ORDER BY id DESC LIMIT 1""")
                .params(survivorId, mergeId, mergeId)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
        if (merge.isEmpty()) {
            return Optional.empty();
        }
        long id = merge.get()[0];
        long restored = merge.get()[1];
        Set<Long> restoredFamily = new LinkedHashSet<>(List.of(restored));
        List<Long> frontier = List.of(restored);
        while (!frontier.isEmpty()) {
            frontier = jdbc.sql("""
                            SELECT merged_id FROM profile_merges
                            WHERE survivor_id = ANY(?) AND undone_at IS NULL AND id < ?""")
                    .params(frontier.toArray(Long[]::new), id).query(Long.class).list()
                    .stream().filter(restoredFamily::add).toList();
        }
        identitiesChangedElsewhere();
        jdbc.sql("UPDATE identities SET profile_id = ? WHERE profile_id = ? AND origin_profile_id = ANY(?)")
                .params(restored, survivorId, restoredFamily.toArray(Long[]::new)).update();
        jdbc.sql("UPDATE profile_merges SET undone_at = now(), undone_reason = 'unmerged through the API' WHERE id = ?")
                .param(id).update();
        jdbc.sql("INSERT INTO profile_separations (profile_a, profile_b) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(Math.min(survivorId, restored), Math.max(survivorId, restored)).update();
        return Optional.of(new UnmergeResult(id, survivorId, restored));
    }

    /**
     * Removes a profile's identities and merge records; for erasure.
     *
     * @return the identifiers removed, so that they can be suppressed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Identifier> erase(long profileId) {
        identitiesChangedElsewhere();
        List<Identifier> removed = jdbc.sql("DELETE FROM identities WHERE profile_id = ? RETURNING type, value")
                .param(profileId)
                .query((rs, row) -> new Identifier(IdentityType.of(rs.getString(1)), rs.getString(2))).list();
        jdbc.sql("DELETE FROM profile_merges WHERE survivor_id = ? OR merged_id = ?").params(profileId, profileId)
                .update();
        jdbc.sql("DELETE FROM profile_separations WHERE profile_a = ? OR profile_b = ?").params(profileId, profileId)
                .update();
        jdbc.sql("DELETE FROM identity_refusals WHERE profile_id = ? OR other_profile = ?")
                .params(profileId, profileId).update();
        return removed;
    }

    private record NewIdentity(Identifier identifier, long origin, Instant firstSeen, long seq) {}

    private record PendingMerge(Observation.Merge merge, Sighting cause) {}

    private record SeenRefusal(Observation.Refusal refusal, long seq) {}
}
