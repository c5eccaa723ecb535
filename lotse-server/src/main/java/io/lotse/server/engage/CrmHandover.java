package io.lotse.server.engage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands leads over to a CRM: when a person reaches the hand-over stage, the lead is queued and posted as JSON to
 * the configured webhook with an {@code Idempotency-Key}. A call that fails (no answer, or not 2xx) is tried again
 * after 1, 2, 4, ... minutes (at most 6 hours apart) until {@code max-attempts}; then it is marked failed and shown.
 * The queue is a table, so nothing is lost across restarts.
 */
@Component
class CrmHandover {

    private static final Logger log = LoggerFactory.getLogger(CrmHandover.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EngageProperties.Crm settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    CrmHandover(JdbcClient jdbc, JsonMapper json, EngageProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = properties.crm();
    }

    boolean enabled() {
        return settings.webhookUrl() != null && !settings.webhookUrl().isBlank();
    }

    /** Queues the lead when it reached the hand-over stage. */
    void onStageChanged(long profileId, String stage, @Nullable Person person) {
        if (!enabled() || !stage.equals(settings.handoverStage())) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO engage_crm_outbox (profile_id, payload, status, next_attempt_at, created_at) "
                        + "VALUES (?, ?::jsonb, 'pending', ?, ?)")
                .params(profileId, json.writeValueAsString(LeadLifecycle.leadPayload(profileId, stage, person)), now, now)
                .update();
    }

    /** Posts every due lead once; returns how many the CRM took. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    int deliverDue() {
        if (!enabled()) {
            return 0;
        }
        record Due(long id, String payload, int attempts) {}
        List<Due> due = jdbc.sql("SELECT id, payload::text, attempts FROM engage_crm_outbox WHERE status = 'pending' "
                        + "AND next_attempt_at <= now() ORDER BY id LIMIT 100")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
        int taken = 0;
        for (Due lead : due) {
            String failure = post(lead.id(), lead.payload());
            if (failure == null) {
                jdbc.sql("UPDATE engage_crm_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), "
                        + "last_error = NULL WHERE id = ?").param(lead.id()).update();
                taken++;
                continue;
            }
            int attempts = lead.attempts() + 1;
            boolean giveUp = attempts >= settings.maxAttempts();
            Duration backoff = Duration.ofMinutes(1L << Math.min(20, attempts - 1));
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
            jdbc.sql("UPDATE engage_crm_outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? "
                            + "WHERE id = ?")
                    .params(giveUp ? "failed" : "pending", attempts, failure,
                            Timestamp.from(Instant.now().plus(backoff)), lead.id())
                    .update();
            if (giveUp) {
                log.warn("Gave up handing lead {} to the CRM after {} attempts: {}", lead.id(), attempts, failure);
            }
        }
        return taken;
    }

    /** Posts a lead; null when the CRM answered 2xx, else why not. */
    private @Nullable String post(long id, String payload) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(settings.webhookUrl()))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "lotse-lead-" + id)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Hand-overs per status, for the overview. */
    java.util.Map<String, Long> counts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT status, count(*) FROM engage_crm_outbox GROUP BY status")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }
}
