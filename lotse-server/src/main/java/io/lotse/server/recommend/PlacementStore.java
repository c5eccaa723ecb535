package io.lotse.server.recommend;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The placements' settings in the database, held in memory for serving. A placement nobody edited has its
 * defaults. Settings are read again at each training, so edits made by another Lotse process arrive too.
 */
@Component
class PlacementStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private volatile Map<Placement, PlacementSettings> settings;

    PlacementStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = load();
    }

    PlacementSettings get(Placement placement) {
        return settings.get(placement);
    }

    Map<Placement, PlacementSettings> all() {
        return settings;
    }

    /**
     * Stores settings of a placement.
     *
     * @throws InvalidPlacementSettingsException when they are not valid; nothing is stored then
     */
    PlacementSettings put(Placement placement, PlacementSettings updated) {
        var problems = updated.problems();
        if (!problems.isEmpty()) {
            throw new InvalidPlacementSettingsException(problems);
        }
        jdbc.sql("""
                        INSERT INTO recommend_placements (placement, rules, updated_at) VALUES (?, ?::jsonb, ?)
                        ON CONFLICT (placement) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at""")
                .params(placement.wireName(), json.writeValueAsString(updated), Timestamp.from(Instant.now()))
                .update();
        reload();
        return settings.get(placement);
    }

    /** Forgets the edits of a placement: its defaults apply again. */
    PlacementSettings reset(Placement placement) {
        jdbc.sql("DELETE FROM recommend_placements WHERE placement = ?").param(placement.wireName()).update();
        reload();
        return settings.get(placement);
    }

    void reload() {
        settings = load();
    }

    private Map<Placement, PlacementSettings> load() {
        Map<Placement, PlacementSettings> loaded = new EnumMap<>(Placement.class);
        for (Placement placement : Placement.values()) {
            loaded.put(placement, PlacementSettings.defaults(placement));
        }
        jdbc.sql("SELECT placement, rules::text FROM recommend_placements")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> Placement.fromWire(row.getKey()).ifPresent(placement -> {
                    PlacementSettings stored = json.readValue(row.getValue(), PlacementSettings.class);
                    if (stored.problems().isEmpty()) {
                        loaded.put(placement, stored);
                    }
                }));
        return java.util.Collections.unmodifiableMap(loaded);
    }
}
