package io.lotse.server.engage;

import io.lotse.server.profile.ProfileErased;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what engage holds about erased people, in the erasing transaction: their form submissions (linked to the
 * profile, or sent with an address engage wrote to or got consent from), journey runs, lead record, stage history and CRM hand-overs,
 * topic choices; the address on their messages is blanked (the messages stay counted in campaign statistics) and
 * their landing-page views become anonymous. Kept are the suppression list (a keyed hash only, so they are never
 * mailed again) and proofs of consent, which the sender needs to defend itself against claims.
 */
@Component
class EngageErasure {

    static final String ERASED = "erased";

    private final JdbcClient jdbc;

    EngageErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ProfileErased erased) {
        Long[] ids = erased.profileIds().toArray(Long[]::new);
        List<String> emails = jdbc.sql("""
                SELECT lower(email) FROM engage_deliveries WHERE profile_id = ANY(?) AND email <> ?
                UNION SELECT lower(email) FROM engage_consent_proofs WHERE profile_id = ANY(?)""")
                .params(ids, ERASED, ids).query(String.class).list();
        jdbc.sql("DELETE FROM engage_form_submissions WHERE profile_id = ANY(?) OR lower(email) = ANY(?)")
                .params(ids, emails.toArray(String[]::new)).update();
        jdbc.sql("UPDATE engage_deliveries SET email = ?, user_id = NULL WHERE profile_id = ANY(?)")
                .params(ERASED, ids).update();
        jdbc.sql("DELETE FROM engage_journey_steps WHERE run_id IN (SELECT id FROM engage_journey_runs "
                + "WHERE profile_id = ANY(?))").param(ids).update();
        for (String table : List.of("engage_journey_runs", "engage_leads", "engage_stage_changes", "engage_crm_outbox",
                "engage_topic_optouts")) {
            jdbc.sql("DELETE FROM " + table + " WHERE profile_id = ANY(?)").param(ids).update();
        }
        jdbc.sql("UPDATE engage_landing_views SET profile_id = NULL, visitor = ? || id WHERE profile_id = ANY(?)")
                .params(ERASED + ":", ids).update();
    }
}
