package io.lotse.server.recommend;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.collect.EventIdentifiers;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a request is about: the profile holding the given identifier, its stored consent choice about
 * personalisation and its user and anonymous ids (whose live visits count too).
 *
 * <p>Answers come from memory: the people of the serving model are loaded in bulk after each training and again
 * every {@code lotse.recommend.person-cache-time}; anybody else costs one query, whose answer (also "nobody") is
 * kept for that time. A stored consent choice therefore reaches serving within that time; a choice carried by a
 * tracked event reaches it at once through the live sessions.
 */
@Component
class PersonDirectory {

    /** Beyond this many entries, expired ones are dropped before a new one is added. */
    private static final int MAX_CACHED = 500_000;
    private static final int MAX_IDS = 50;

    private static final String BY_IDENTIFIER = """
            SELECT p.id, p.consents::text,
                   ARRAY(SELECT type || ':' || value FROM identities WHERE profile_id = p.id
                         AND type IN ('user_id', 'anonymous_id') ORDER BY seq DESC LIMIT 50)
            FROM identities i JOIN profiles p ON p.id = i.profile_id
            WHERE i.type = ? AND i.value = ?""";

    private static final String BY_IDS = """
            SELECT p.id, p.consents::text,
                   ARRAY(SELECT type || ':' || value FROM identities WHERE profile_id = p.id
                         AND type IN ('user_id', 'anonymous_id') ORDER BY seq DESC LIMIT 50)
            FROM profiles p WHERE p.id = ANY(?) AND p.merged_into IS NULL""";

    /**
     * The identities are looked up by profile only, in a materialised step, so that the planner never goes
     * through the (type, value) key instead, which is slow before the tables have statistics (after a bulk import).
     */
    private static final String FOR_MESSAGES = """
            WITH ids AS MATERIALIZED (
                SELECT profile_id, type, value, seq FROM identities
                WHERE profile_id = ANY(?) AND type IN ('user_id', 'anonymous_id'))
            SELECT p.id, p.consents::text,
                   array_agg(i.type || ':' || i.value ORDER BY i.seq DESC) FILTER (WHERE i.value IS NOT NULL),
                   coalesce(p.traits->>'locale', p.traits->>'language')
            FROM profiles p LEFT JOIN ids i ON i.profile_id = p.id
            WHERE p.id = ANY(?) AND p.merged_into IS NULL
            GROUP BY p.id""";

    private static final String BY_ID = """
            SELECT p.id, p.consents::text,
                   ARRAY(SELECT type || ':' || value FROM identities WHERE profile_id = p.id
                         AND type IN ('user_id', 'anonymous_id') ORDER BY seq DESC LIMIT 50),
                   p.merged_into
            FROM profiles p WHERE p.id = ?""";

    /**
     * A person as far as Lotse knows them.
     *
     * @param profileId    the profile, null when nobody holds the identifier (yet)
     * @param userIds      the profile's user ids
     * @param anonymousIds the profile's anonymous ids, newest first
     * @param consent      the stored choice about personalisation, null when none was made
     */
    record Person(@Nullable Long profileId, List<String> userIds, List<String> anonymousIds,
                  LiveSession.@Nullable Choice consent) {

        static final Person UNKNOWN = new Person(null, List.of(), List.of(), null);
    }

    /**
     * A person a message goes to.
     *
     * @param person   who they are and their stored consent
     * @param language the language tag of their {@code locale} (or {@code language}) trait, if they have one
     */
    record Addressee(Person person, @Nullable String language) {}

    private record Cached(Person person, long expiresNanos) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EventIdentifiers identifiers;
    private final RecommendSettings settings;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PersonDirectory(JdbcClient jdbc, JsonMapper json, EventIdentifiers identifiers, RecommendSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.identifiers = identifiers;
        this.settings = settings;
    }

    Person byUserId(String userId) {
        return byIdentifier(IdentityType.USER_ID, userId);
    }

    Person byAnonymousId(String anonymousId) {
        return byIdentifier(IdentityType.ANONYMOUS_ID, anonymousId);
    }

    /** A profile by id; a merged profile's id leads to the profile it was merged into. Empty when unknown. */
    Optional<Person> byProfileId(long profileId) {
        Person person = cached("p:" + profileId, () -> {
            long id = profileId;
            for (int hop = 0; hop < 10; hop++) {
                Optional<Object[]> row = jdbc.sql(BY_ID).param(id).query((rs, n) -> new Object[] {person(rs),
                        rs.getObject(4)}).optional();
                if (row.isEmpty()) {
                    return Person.UNKNOWN;
                }
                if (row.get()[1] == null) {
                    return (Person) row.get()[0];
                }
                id = ((Number) row.get()[1]).longValue();
            }
            return Person.UNKNOWN;
        });
        return person.profileId() == null ? Optional.empty() : Optional.of(person);
    }

    private Person byIdentifier(IdentityType type, String raw) {
        Optional<Identifier> identifier = identifiers.normaliser().normalise(type, raw);
        if (identifier.isEmpty()) {
            return Person.UNKNOWN;
        }
        Identifier id = identifier.get();
        return cached(type.name() + ":" + id.value(), () -> jdbc.sql(BY_IDENTIFIER).params(id.type().name(),
                id.value()).query((rs, n) -> person(rs)).optional().orElse(Person.UNKNOWN));
    }

    /**
     * The given profiles as they are stored now, in one query and not from the cache (a message must follow the
     * latest stored consent); profiles that do not exist or were merged away are missing.
     */
    Map<Long, Addressee> addressees(java.util.Collection<Long> profileIds) {
        Map<Long, Addressee> found = new java.util.HashMap<>(profileIds.size() * 2);
        Long[] ids = profileIds.toArray(Long[]::new);
        jdbc.sql(FOR_MESSAGES).params(ids, ids)
                .query((rs, n) -> found.put(rs.getLong(1), new Addressee(person(rs), rs.getString(4)))).list();
        return found;
    }

    /**
     * Loads the given profiles in bulk and keeps them, under their id and each of their user and anonymous ids,
     * for twice the cache time, so that a refresh every cache time keeps them in memory.
     */
    void refresh(java.util.Collection<Long> profileIds) {
        Long[] ids = profileIds.toArray(Long[]::new);
        long expires = System.nanoTime() + 2 * settings.personCacheTime().toNanos();
        for (int from = 0; from < ids.length; from += 10_000) {
            Long[] chunk = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 10_000));
            jdbc.sql(BY_IDS).param(chunk).query((rs, n) -> person(rs)).list().forEach(person -> {
                Cached entry = new Cached(person, expires);
                cache.put("p:" + person.profileId(), entry);
                person.userIds().forEach(id -> cache.put(IdentityType.USER_ID.name() + ":" + id, entry));
                person.anonymousIds().forEach(id -> cache.put(IdentityType.ANONYMOUS_ID.name() + ":" + id, entry));
            });
        }
    }

    private Person cached(String key, java.util.function.Supplier<Person> load) {
        long now = System.nanoTime();
        Cached hit = cache.get(key);
        if (hit != null && hit.expiresNanos() > now) {
            return hit.person();
        }
        Person person = load.get();
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(entry -> entry.expiresNanos() <= now);
        }
        cache.put(key, new Cached(person, now + settings.personCacheTime().toNanos()));
        return person;
    }

    private Person person(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        LiveSession.Choice consent = consent(rs.getString(2));
        List<String> userIds = new ArrayList<>();
        List<String> anonymousIds = new ArrayList<>();
        Array array = rs.getArray(3);
        if (array != null) {
            for (Object entry : (Object[]) array.getArray()) {
                String text = (String) entry;
                if (text.startsWith("user_id:")) {
                    userIds.add(text.substring("user_id:".length()));
                } else if (text.startsWith("anonymous_id:") && anonymousIds.size() < MAX_IDS) {
                    anonymousIds.add(text.substring("anonymous_id:".length()));
                }
            }
        }
        return new Person(id, List.copyOf(userIds), List.copyOf(anonymousIds), consent);
    }

    /** The latest stored choice for any of the personalisation purposes. */
    private LiveSession.@Nullable Choice consent(@Nullable String consentsJson) {
        if (consentsJson == null) {
            return null;
        }
        JsonNode consents = json.readTree(consentsJson);
        LiveSession.Choice latest = null;
        for (String purpose : settings.consentPurposes()) {
            JsonNode choice = consents.path(purpose);
            if (choice.isObject() && choice.path("granted").isBoolean() && choice.path("at").isString()) {
                Instant at = Instant.parse(choice.path("at").asString());
                if (latest == null || at.isAfter(latest.at())) {
                    latest = new LiveSession.Choice(choice.path("granted").asBoolean(), at);
                }
            }
        }
        return latest;
    }
}
