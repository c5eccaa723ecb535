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
 * personalisation and its user and anonymous ids (whose live visits count too). One query per person, cached for
 * {@code lotse.recommend.person-cache-time}, so that a burst of requests for one page costs one lookup.
 */
@Component
class PersonDirectory {

    private static final int MAX_CACHED = 200_000;
    private static final int MAX_IDS = 50;

    private static final String BY_IDENTIFIER = """
            SELECT p.id, p.consents::text,
                   ARRAY(SELECT type || ':' || value FROM identities WHERE profile_id = p.id
                         AND type IN ('user_id', 'anonymous_id') ORDER BY seq DESC LIMIT 50)
            FROM identities i JOIN profiles p ON p.id = i.profile_id
            WHERE i.type = ? AND i.value = ?""";

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

    private Person cached(String key, java.util.function.Supplier<Person> load) {
        long now = System.nanoTime();
        Cached hit = cache.get(key);
        if (hit != null && hit.expiresNanos() > now) {
            return hit.person();
        }
        Person person = load.get();
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
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
