package io.lotse.server.segment;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Names the builder suggests while typing: events seen, traits and consent purposes of the newest profiles. */
@Component
class SegmentSuggestions {

    private static final int LIMIT = 200;
    private static final int RECENT_PROFILES = 1_000;

    private final JdbcClient jdbc;

    SegmentSuggestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Distinct event names, read by skipping through the event index rather than scanning every row. */
    List<String> events() {
        return jdbc.sql("""
                        WITH RECURSIVE names(event) AS (
                            (SELECT event FROM profile_event_days ORDER BY event LIMIT 1)
                            UNION ALL
                            SELECT (SELECT d.event FROM profile_event_days d WHERE d.event > names.event
                                    ORDER BY d.event LIMIT 1)
                            FROM names WHERE names.event IS NOT NULL)
                        SELECT event FROM names WHERE event IS NOT NULL LIMIT ?""")
                .param(LIMIT).query(String.class).list();
    }

    List<String> traits() {
        return keysOf("traits");
    }

    List<String> consentPurposes() {
        return keysOf("consents");
    }

    /** Keys of a JSON column of the newest profiles; the column name is one of two constants. */
    private List<String> keysOf(String column) {
        return jdbc.sql("SELECT DISTINCT k FROM (SELECT " + column + " AS j FROM profiles WHERE merged_into IS NULL"
                        + " ORDER BY id DESC LIMIT ?) recent, jsonb_object_keys(recent.j) AS k ORDER BY k LIMIT ?")
                .params(RECENT_PROFILES, LIMIT).query(String.class).list();
    }
}
