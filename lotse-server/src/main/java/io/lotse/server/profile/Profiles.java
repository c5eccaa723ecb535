package io.lotse.server.profile;

import io.lotse.server.collect.EventIdentifiers;
import io.lotse.server.collect.EventLog;
import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.identity.IdentityRecord;
import io.lotse.server.identity.IdentityResolution;
import io.lotse.server.identity.UnmergeResult;
import io.lotse.server.privacy.Suppressions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Finding, reading, splitting and erasing profiles.
 */
@Service
public class Profiles {

    private final JdbcClient jdbc;
    private final ProfileStore store;
    private final ProfileProjection projection;
    private final IdentityResolution identities;
    private final EventIdentifiers identifiers;
    private final EventLog eventLog;
    private final Suppressions suppressions;
    private final ApplicationEventPublisher publisher;

    Profiles(JdbcClient jdbc, ProfileStore store, ProfileProjection projection,
             IdentityResolution identities, EventIdentifiers identifiers, EventLog eventLog,
             Suppressions suppressions, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.store = store;
        this.projection = projection;
        this.identities = identities;
        this.identifiers = identifiers;
        this.eventLog = eventLog;
        this.suppressions = suppressions;
        this.publisher = publisher;
    }

    /** A profile by id; a merged profile's id leads to the profile it was merged into. */
    public Optional<Profile> find(long id) {
        return store.live(id).flatMap(this::load);
    }

    /**
     * The profile holding an identifier, given as raw value (normalised here: emails are case-insensitive).
     */
    public Optional<Profile> findByIdentifier(IdentityType type, String rawValue) {
        return identifiers.normaliser().normalise(type, rawValue)
                .flatMap(identities::profileOf)
                .flatMap(this::find);
    }

    /**
     * Profiles whose identifiers or name match a query: exact identifier values first, then prefixes of
     * emails, user ids and names. Newest activity first.
     */
    public List<ProfileSummary> search(String query, int limit) {
        String term = query.trim();
        if (term.isEmpty()) {
            return jdbc.sql(SUMMARY + " WHERE p.merged_into IS NULL ORDER BY p.last_seen DESC LIMIT ?")
                    .param(limit).query(this::summary).list();
        }
        String prefix = term.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.sql(SUMMARY + """
                         WHERE p.merged_into IS NULL AND (p.id IN (
                            SELECT profile_id FROM identities WHERE value = ? OR lower(value) LIKE ?)
                          OR lower(p.traits->>'name') LIKE ? OR lower(p.traits->>'lastName') LIKE ?
                          OR lower(p.traits->>'last_name') LIKE ?)
                        ORDER BY p.last_seen DESC LIMIT ?""")
                .params(term, prefix, prefix, prefix, prefix, limit).query(this::summary).list();
    }

    private static final String SUMMARY = """
            SELECT p.id, coalesce(p.traits->>'name', nullif(concat_ws(' ', coalesce(p.traits->>'firstName',
                   p.traits->>'first_name'), coalesce(p.traits->>'lastName', p.traits->>'last_name')), '')),
                   p.traits->>'email',
                   (SELECT value FROM identities i WHERE i.profile_id = p.id AND i.type = 'user_id' LIMIT 1),
                   p.last_seen, p.event_count
            FROM profiles p""";

    private ProfileSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ProfileSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getLong(6));
    }

    /**
     * A page of a profile's events, newest first.
     *
     * @param beforeSeq only events before this log position; {@code null} for the newest
     */
    public List<TimelineEntry> timeline(long profileId, @Nullable Long beforeSeq, int limit) {
        List<IdentityRecord> ids = identities.identitiesOf(profileId);
        return eventLog.eventsOf(values(ids, IdentityType.USER_ID), values(ids, IdentityType.ANONYMOUS_ID),
                        beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit).stream()
                .map(e -> new TimelineEntry(e.seq(), e.type().wireName(), e.event(), e.timestamp(), e.receivedAt(),
                        e.messageId(), e.payload()))
                .toList();
    }

    /**
     * Undoes a merge into a profile and recomputes both profiles from their events. Publishes
     * {@link ProfilesChanged} within the transaction.
     *
     * @param mergeId the merge to undo, or {@code null} for the latest
     * @return empty when there is no merge in effect to undo
     */
    @Transactional
    public Optional<UnmergeResult> unmerge(long profileId, @Nullable Long mergeId) {
        long position = projection.lockPosition();
        Optional<UnmergeResult> result = identities.unmerge(profileId, mergeId);
        result.ifPresent(r -> {
            projection.rebuild(Set.of(r.survivorId(), r.restoredId()), position);
            publisher.publishEvent(new ProfilesChanged(Set.of(r.survivorId(), r.restoredId())));
        });
        return result;
    }

    /**
     * Erases a person: profile, identities, events and what was derived from them are deleted, and hashes of the
     * identifiers are kept so that later events of the person are dropped unless they consent again. Publishes
     * {@link ProfileErased} within the transaction.
     *
     * @return whether the profile existed
     */
    @Transactional
    public boolean erase(long profileId) {
        projection.lockPosition();
        Optional<Long> live = store.live(profileId);
        if (live.isEmpty()) {
            return false;
        }
        long id = live.get();
        List<IdentityRecord> ids = identities.identitiesOf(id);
        suppressions.suppress(ids.stream()
                .map(i -> new Identifier(IdentityType.of(i.type()), i.value())).toList());
        eventLog.deleteEventsOf(values(ids, IdentityType.USER_ID), values(ids, IdentityType.ANONYMOUS_ID));
        identities.erase(id);
        publisher.publishEvent(new ProfileErased(store.delete(id)));
        return true;
    }

    private Optional<Profile> load(long id) {
        var states = store.load(List.of(id));
        ProfileState state = states.get(id);
        if (state == null || state.firstSeen == null || state.lastSeen == null) {
            return Optional.empty();
        }
        Map<String, JsonNode> traits = new LinkedHashMap<>();
        state.traits.properties().forEach(e -> traits.put(e.getKey(), e.getValue()));
        Map<String, Profile.Consent> consents = new LinkedHashMap<>();
        state.consents.properties().forEach(e -> consents.put(e.getKey(), new Profile.Consent(
                e.getValue().path("granted").asBoolean(), Instant.parse(e.getValue().path("at").asString()),
                e.getValue().path("messageId").asString(""))));
        return Optional.of(new Profile(id, state.firstSeen, state.lastSeen,
                new Profile.Stats(state.events, state.sessions, state.orders, state.revenue),
                traits, identities.identitiesOf(id), consents, identities.mergesOf(id)));
    }

    private static List<String> values(List<IdentityRecord> ids, IdentityType type) {
        return ids.stream().filter(i -> i.type().equals(type.name())).map(IdentityRecord::value).toList();
    }
}
