package io.lotse.server.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which intents may be answered automatically. An intent whose template is marked for automation is enabled
 * until an operator turns it off; one whose template is not can never be.
 */
@Component
class IntentSettings {

    private final JdbcClient jdbc;
    private final AnswerTemplates templates;

    IntentSettings(JdbcClient jdbc, AnswerTemplates templates) {
        this.jdbc = jdbc;
        this.templates = templates;
    }

    boolean automated(String intent) {
        if (!templates.automatable(intent)) {
            return false;
        }
        return jdbc.sql("SELECT automated FROM service_intents WHERE intent = ?").param(intent)
                .query(Boolean.class).optional().orElse(true);
    }

    /** Every intent with a template and whether it is answered automatically, in template order. */
    Map<String, Boolean> all() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (String intent : templates.intents()) {
            all.put(intent, automated(intent));
        }
        return all;
    }

    /**
     * Turns automation of an intent on or off.
     *
     * @throws IllegalArgumentException for an unknown intent, or turning on one whose template is not automatable
     */
    void set(String intent, boolean automated) {
        List<String> known = templates.intents();
        if (!known.contains(intent)) {
            throw new IllegalArgumentException("unknown intent '" + intent + "'");
        }
        if (automated && !templates.automatable(intent)) {
            throw new IllegalArgumentException("the answer template of '" + intent
                    + "' needs a person and cannot be sent automatically");
        }
        jdbc.sql("INSERT INTO service_intents (intent, automated) VALUES (?, ?) "
                + "ON CONFLICT (intent) DO UPDATE SET automated = excluded.automated").params(intent, automated).update();
    }
}
