package io.lotse.server.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes profile state; batched, since the projection touches thousands of profiles a second. */
@Repository
class ProfileStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    ProfileStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** Loads profiles with figures, traits and consents. */
    Map<Long, ProfileState> load(Collection<Long> ids) {
        Map<Long, ProfileState> states = loadFigures(ids);
        loadDetails(states);
        return states;
    }

    /** Loads only the figures; traits and consents stay unloaded until {@link #loadDetails} (see ProfileState). */
    Map<Long, ProfileState> loadFigures(Collection<Long> ids) {
        Map<Long, ProfileState> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                        SELECT id, created_at, first_seen, last_seen, event_count, session_count, order_count, revenue
                        FROM profiles WHERE id = ANY(?)""")
                .param(ids.toArray(Long[]::new))
                .query((rs, row) -> {
                    ProfileState state = figures(rs);
                    state.detailsLoaded = false;
                    return states.put(state.id, state);
                })
                .list();
        return states;
    }

    /** Loads traits, trait times and consents into states loaded with {@link #loadFigures}. */
    void loadDetails(Map<Long, ProfileState> states) {
        List<Long> missing = states.values().stream().filter(s -> !s.detailsLoaded).map(s -> s.id).toList();
        if (missing.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT id, traits::text, trait_times::text, consents::text FROM profiles WHERE id = ANY(?)")
                .param(missing.toArray(Long[]::new))
                .query((rs, row) -> {
                    ProfileState state = states.get(rs.getLong(1));
                    state.traits = (ObjectNode) json.readTree(rs.getString(2));
                    state.traitTimes = (ObjectNode) json.readTree(rs.getString(3));
                    state.consents = (ObjectNode) json.readTree(rs.getString(4));
                    state.detailsLoaded = true;
                    return state;
                })
                .list();
    }

    private static ProfileState figures(ResultSet rs) throws SQLException {
        ProfileState state = new ProfileState(rs.getLong(1), rs.getTimestamp(2).toInstant());
        state.firstSeen = rs.getTimestamp(3).toInstant();
        state.lastSeen = rs.getTimestamp(4).toInstant();
        state.events = rs.getLong(5);
        state.sessions = rs.getInt(6);
        state.orders = rs.getInt(7);
        state.revenue = rs.getBigDecimal(8);
        return state;
    }

    /**
     * Inserts or replaces the given profiles and appends their trait changes to the history. Profiles whose
     * traits were not loaded get a narrow update of their figures only.
     */
    void save(Collection<ProfileState> states) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> full = new ArrayList<>();
        List<ProfileState> figures = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        for (ProfileState state : states) {
            if (state.firstSeen == null || state.lastSeen == null) {
                continue;
            }
            BigDecimal revenue = state.revenue.setScale(2, RoundingMode.HALF_UP);
            if (!state.detailsLoaded) {
                figures.add(state);
                continue;
            }
            full.add(new Object[] {state.id, Timestamp.from(state.createdAt), now, Timestamp.from(state.firstSeen),
                    Timestamp.from(state.lastSeen), state.events, state.sessions, state.orders, revenue,
                    json.writeValueAsString(state.traits), json.writeValueAsString(state.traitTimes),
                    json.writeValueAsString(state.consents)});
            for (ProfileState.TraitChange change : state.traitChanges) {
                history.add(new Object[] {state.id, change.trait(), json.writeValueAsString(change.value()),
                        Timestamp.from(change.at()), change.seq()});
            }
            state.traitChanges.clear();
        }
        if (!figures.isEmpty()) {
            updateFigures(figures, now);
        }
        if (!full.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO profiles (id, created_at, updated_at, first_seen, last_seen, event_count, session_count,
                                          order_count, revenue, traits, trait_times, consents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                    ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at,
                        first_seen = excluded.first_seen, last_seen = excluded.last_seen,
                        event_count = excluded.event_count, session_count = excluded.session_count,
                        order_count = excluded.order_count, revenue = excluded.revenue, traits = excluded.traits,
                        trait_times = excluded.trait_times, consents = excluded.consents, merged_into = NULL""", full);
        }
        if (!history.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO trait_history (profile_id, trait, value, observed_at, seq)
                    VALUES (?, ?, ?::jsonb, ?, ?)""", history);
        }
        addEventDays(states);
    }

    /**
     * Adds the states' new track-event counts to the stored ones with one statement; each state holds a key at
     * most once and each profile is in one state, so no row is touched twice.
     */
    private void addEventDays(Collection<ProfileState> states) {
        int n = states.stream().mapToInt(state -> state.eventDays.size()).sum();
        if (n == 0) {
            return;
        }
        Long[] profiles = new Long[n];
        Integer[] days = new Integer[n];
        String[] events = new String[n];
        String[] categories = new String[n];
        Integer[] counts = new Integer[n];
        int i = 0;
        for (ProfileState state : states) {
            for (Map.Entry<ProfileState.EventDay, Integer> entry : state.eventDays.entrySet()) {
                profiles[i] = state.id;
                days[i] = entry.getKey().epochDay();
                events[i] = entry.getKey().event();
                categories[i] = entry.getKey().category();
                counts[i] = entry.getValue();
                i++;
            }
            state.eventDays.clear();
        }
        template.execute((java.sql.Connection connection) -> {
            try (var upsert = connection.prepareStatement("""
                    INSERT INTO profile_event_days (profile_id, day, event, category, count)
                    SELECT u.profile_id, date '1970-01-01' + u.epoch_day, u.event, u.category, u.count
                    FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::int[])
                         AS u(profile_id, epoch_day, event, category, count)
                    ON CONFLICT (profile_id, day, event, category)
                    DO UPDATE SET count = profile_event_days.count + excluded.count""")) {
                upsert.setArray(1, connection.createArrayOf("bigint", profiles));
                upsert.setArray(2, connection.createArrayOf("int4", days));
                upsert.setArray(3, connection.createArrayOf("text", events));
                upsert.setArray(4, connection.createArrayOf("text", categories));
                upsert.setArray(5, connection.createArrayOf("int4", counts));
                return upsert.executeUpdate();
            }
        });
    }

    /** One statement for all rows: a JDBC batch of updates would still execute one statement per profile. */
    private void updateFigures(List<ProfileState> states, Timestamp now) {
        int n = states.size();
        Long[] ids = new Long[n];
        Timestamp[] firstSeen = new Timestamp[n];
        Timestamp[] lastSeen = new Timestamp[n];
        Long[] events = new Long[n];
        Integer[] sessions = new Integer[n];
        Integer[] orders = new Integer[n];
        BigDecimal[] revenue = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            ProfileState state = states.get(i);
            ids[i] = state.id;
            firstSeen[i] = Timestamp.from(java.util.Objects.requireNonNull(state.firstSeen));
            lastSeen[i] = Timestamp.from(java.util.Objects.requireNonNull(state.lastSeen));
            events[i] = state.events;
            sessions[i] = state.sessions;
            orders[i] = state.orders;
            revenue[i] = state.revenue.setScale(2, RoundingMode.HALF_UP);
        }
        template.execute((java.sql.Connection connection) -> {
            try (var update = connection.prepareStatement("""
                    UPDATE profiles p SET updated_at = ?, first_seen = u.first_seen, last_seen = u.last_seen,
                        event_count = u.event_count, session_count = u.session_count, order_count = u.order_count,
                        revenue = u.revenue
                    FROM unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::int[], ?::int[],
                                ?::numeric[]) AS u(id, first_seen, last_seen, event_count, session_count,
                                                   order_count, revenue)
                    WHERE p.id = u.id""")) {
                update.setTimestamp(1, now);
                update.setArray(2, connection.createArrayOf("bigint", ids));
                update.setArray(3, connection.createArrayOf("timestamptz", firstSeen));
                update.setArray(4, connection.createArrayOf("timestamptz", lastSeen));
                update.setArray(5, connection.createArrayOf("bigint", events));
                update.setArray(6, connection.createArrayOf("int4", sessions));
                update.setArray(7, connection.createArrayOf("int4", orders));
                update.setArray(8, connection.createArrayOf("numeric", revenue));
                return update.executeUpdate();
            }
        });
    }

    /**
     * Marks a profile as merged into another; its own state stays for the record until it is unmerged. Its trait
     * history and event counts move to the survivor.
     */
    void markMerged(long mergedId, long survivorId) {
        jdbc.sql("UPDATE profiles SET merged_into = ?, updated_at = now() WHERE id = ?")
                .params(survivorId, mergedId).update();
        jdbc.sql("UPDATE trait_history SET profile_id = ? WHERE profile_id = ?").params(survivorId, mergedId).update();
        jdbc.sql("""
                        WITH moved AS (DELETE FROM profile_event_days WHERE profile_id = ?
                                       RETURNING day, event, category, count)
                        INSERT INTO profile_event_days (profile_id, day, event, category, count)
                        SELECT ?, day, event, category, count FROM moved
                        ON CONFLICT (profile_id, day, event, category)
                        DO UPDATE SET count = profile_event_days.count + excluded.count""")
                .params(mergedId, survivorId).update();
    }

    /** Forgets a profile's trait history and event counts before it is rebuilt from its events. */
    void clearHistory(long profileId) {
        jdbc.sql("DELETE FROM trait_history WHERE profile_id = ?").param(profileId).update();
        jdbc.sql("DELETE FROM profile_event_days WHERE profile_id = ?").param(profileId).update();
    }

    /**
     * Deletes a profile, the profiles merged into it and everything derived from them: history, event counts,
     * scores.
     *
     * @return the ids deleted
     */
    java.util.Set<Long> delete(long profileId) {
        java.util.Set<Long> ids = new java.util.TreeSet<>(jdbc.sql("SELECT id FROM profiles WHERE id = ? OR merged_into = ?")
                .params(profileId, profileId).query(Long.class).list());
        ids.add(profileId);
        Long[] all = ids.toArray(Long[]::new);
        jdbc.sql("DELETE FROM trait_history WHERE profile_id = ANY(?)").param(all).update();
        jdbc.sql("DELETE FROM profile_event_days WHERE profile_id = ANY(?)").param(all).update();
        jdbc.sql("DELETE FROM profile_scores WHERE profile_id = ANY(?)").param(all).update();
        jdbc.sql("DELETE FROM profiles WHERE id = ANY(?)").param(all).update();
        return ids;
    }

    /** Follows merges to the live profile; the id itself when it was never merged. */
    java.util.Optional<Long> live(long profileId) {
        return jdbc.sql("""
                        WITH RECURSIVE chain(id, merged_into, depth) AS (
                            SELECT id, merged_into, 0 FROM profiles WHERE id = ?
                            UNION ALL
                            SELECT p.id, p.merged_into, c.depth + 1 FROM profiles p JOIN chain c ON p.id = c.merged_into
                            WHERE c.depth < 100)
                        SELECT id FROM chain WHERE merged_into IS NULL""")
                .param(profileId).query(Long.class).optional();
    }

}
