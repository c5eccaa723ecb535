package io.lotse.server.engage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Loads the people a batch of messages goes to, in bulk: traits, consent, address and user id straight from the
 * profiles and identities tables (one query per batch instead of one profile load per person), scores and
 * recommendations from their sources, and segment memberships the content asks for.
 */
@Component
class People {

    static final int RECOMMENDATIONS = 4;

    /**
     * The identities of a set of profiles, looked up by profile only: a materialised step, so that the planner
     * never combines it with the (type, value) key, which is slow while the tables have no statistics yet (right
     * after a bulk import, before autovacuum has analysed them).
     */
    static final String IDENTITIES_OF = "SELECT profile_id, type, value FROM identities WHERE profile_id = ANY(?)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<String> purposes;
    private final RecommendationSource recommendations;
    private final ObjectProvider<ScoreSource> scores;
    private final ObjectProvider<AudienceSource> audiences;

    People(JdbcClient jdbc, JsonMapper json, EngageProperties properties,
           ObjectProvider<RecommendationSource> recommendations, ObjectProvider<ScoreSource> scores,
           ObjectProvider<AudienceSource> audiences) {
        this.jdbc = jdbc;
        this.json = json;
        this.purposes = properties.consentPurposes().stream().map(p -> p.toLowerCase(java.util.Locale.ROOT)).toList();
        // The first in order wins: a recommending module's source comes before the built-in fallback.
        this.recommendations = recommendations.orderedStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no recommendation source"));
        this.scores = scores;
        this.audiences = audiences;
    }

    /**
     * The people behind these profiles, in the given order; profiles that no longer exist (erased, merged away)
     * are missing from the answer.
     *
     * @param segmentKeys segments whose membership the content needs
     * @param withRecommendations whether the content shows recommendations
     */
    Map<Long, Person> load(Collection<Long> profileIds, Set<String> segmentKeys, boolean withRecommendations) {
        Long[] ids = profileIds.toArray(Long[]::new);
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                WITH ids AS MATERIALIZED (""" + IDENTITIES_OF + """
                )
                SELECT p.id, p.traits::text, p.consents::text,
                       min(i.value) FILTER (WHERE i.type = 'user_id'),
                       min(i.value) FILTER (WHERE i.type = 'email')
                FROM profiles p LEFT JOIN ids i ON i.profile_id = p.id
                WHERE p.id = ANY(?) AND p.merged_into IS NULL
                GROUP BY p.id""")
                .params(ids, ids)
                .query((rs, n) -> rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))))
                .list();
        Map<Long, List<RecommendedItem>> recommended = withRecommendations && !rows.isEmpty()
                ? recommendations.recommendationsFor(rows.keySet(), RECOMMENDATIONS) : Map.of();
        Map<Long, Map<String, Double>> scored = new HashMap<>();
        scores.orderedStream().forEach(source -> scored.putAll(source.scoresFor(rows.keySet())));
        Map<Long, Set<String>> memberships = new HashMap<>();
        for (String key : segmentKeys) {
            audiences.orderedStream().filter(a -> a.kind().equals("segment")).findFirst().ifPresent(source ->
                    source.membersAmong(key, rows.keySet()).forEach(id ->
                            memberships.computeIfAbsent(id, x -> new HashSet<>()).add(key)));
        }
        Map<Long, Person> people = new LinkedHashMap<>();
        for (Row row : rows.values()) {
            JsonNode traits = row.traits == null ? JsonNodeFactory.instance.objectNode() : json.readTree(row.traits);
            String email = traits.path("email").isString() && traits.path("email").stringValue().contains("@")
                    ? traits.path("email").stringValue().trim() : row.emailIdentity;
            if (email == null) {
                continue;
            }
            people.put(row.id, new Person(row.id, row.userId, email, traits, consented(row.consents),
                    scored.getOrDefault(row.id, Map.of()), recommended.getOrDefault(row.id, List.of()),
                    memberships.getOrDefault(row.id, Set.of())));
        }
        return people;
    }

    /** One person, e.g. for a preview. */
    @Nullable Person one(long profileId, Set<String> segmentKeys) {
        return load(List.of(profileId), segmentKeys, true).get(profileId);
    }

    private boolean consented(@Nullable String consents) {
        if (consents == null) {
            return false;
        }
        JsonNode node = json.readTree(consents);
        for (String purpose : purposes) {
            if (node.path(purpose).path("granted").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** The profile ids of everyone with an address who granted marketing email. */
    List<Long> subscribers() {
        List<Long> ids = new ArrayList<>();
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < purposes.size(); i++) {
            condition.append(i == 0 ? "" : " OR ").append("(p.consents->?->>'granted')::boolean");
        }
        jdbc.sql("SELECT p.id FROM profiles p WHERE p.merged_into IS NULL AND (" + condition + ") "
                        + "AND (p.traits->>'email' IS NOT NULL OR p.id IN (SELECT profile_id FROM identities "
                        + "WHERE type = 'email')) ORDER BY p.id")
                .params(purposes.toArray())
                .query((rs, n) -> ids.add(rs.getLong(1))).list();
        return ids;
    }

    /** A person's address and user id, for putting them into a campaign's queue. */
    record Address(long profileId, @Nullable String userId, String email) {}

    /** The addresses of these profiles; profiles without one (or gone) are missing. */
    List<Address> addresses(Collection<Long> profileIds) {
        List<Address> addresses = new ArrayList<>(profileIds.size());
        Long[] ids = profileIds.toArray(Long[]::new);
        jdbc.sql("""
                WITH ids AS MATERIALIZED (""" + IDENTITIES_OF + """
                )
                SELECT p.id, min(i.value) FILTER (WHERE i.type = 'user_id'),
                       coalesce(nullif(trim(p.traits->>'email'), ''), min(i.value) FILTER (WHERE i.type = 'email'))
                FROM profiles p LEFT JOIN ids i ON i.profile_id = p.id
                WHERE p.id = ANY(?) AND p.merged_into IS NULL
                GROUP BY p.id ORDER BY p.id""")
                .params(ids, ids)
                .query((rs, n) -> {
                    String email = rs.getString(3);
                    if (email != null && email.contains("@")) {
                        addresses.add(new Address(rs.getLong(1), rs.getString(2), email));
                    }
                    return null;
                }).list();
        return addresses;
    }

    private record Row(long id, @Nullable String traits, @Nullable String consents, @Nullable String userId,
                       @Nullable String emailIdentity) {}
}
