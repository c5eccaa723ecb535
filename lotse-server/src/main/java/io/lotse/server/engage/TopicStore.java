package io.lotse.server.engage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Topics of marketing email and the people who opted out of single topics in the preference centre. */
@Component
class TopicStore {

    private final JdbcClient jdbc;

    TopicStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Topic keys and names, in key order. */
    Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        jdbc.sql("SELECT key, name FROM engage_topics ORDER BY key")
                .query((rs, n) -> topics.put(rs.getString(1), rs.getString(2))).list();
        return topics;
    }

    boolean exists(String key) {
        return jdbc.sql("SELECT count(*) FROM engage_topics WHERE key = ?").param(key).query(Long.class).single() > 0;
    }

    void create(String key, String name) {
        if (!key.matches("[a-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("a topic key has 1 to 40 lower-case letters, digits, '-' or '_'");
        }
        jdbc.sql("INSERT INTO engage_topics (key, name) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name")
                .params(key, name.strip()).update();
    }

    Set<Long> optedOutAmong(String topic, List<Long> profileIds) {
        return new HashSet<>(jdbc.sql("SELECT profile_id FROM engage_topic_optouts WHERE topic = ? AND profile_id = ANY(?)")
                .params(topic, profileIds.toArray(Long[]::new)).query(Long.class).list());
    }

    Set<String> optedOut(long profileId) {
        return new HashSet<>(jdbc.sql("SELECT topic FROM engage_topic_optouts WHERE profile_id = ?").param(profileId)
                .query(String.class).list());
    }

    /** Sets the topics a person wants; every other topic is opted out of. */
    void choose(long profileId, Set<String> wanted) {
        jdbc.sql("DELETE FROM engage_topic_optouts WHERE profile_id = ?").param(profileId).update();
        for (String topic : topics().keySet()) {
            if (!wanted.contains(topic)) {
                jdbc.sql("INSERT INTO engage_topic_optouts (profile_id, topic, opted_out_at) VALUES (?, ?, ?)")
                        .params(profileId, topic, Timestamp.from(Instant.now())).update();
            }
        }
    }
}
