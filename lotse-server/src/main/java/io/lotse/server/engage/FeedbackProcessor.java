package io.lotse.server.engage;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acts on bounce and complaint reports, whether they came from the feedback mailbox or the webhook: a hard
 * bounce or a complaint puts the address on the suppression list, the delivery and the campaign's statistics
 * record it, the person's profile gets the event, and a complaint makes the {@link ComplaintGuard} look at the
 * campaign. A report is matched to its message by the signed delivery token, else by the address's last message.
 */
@Component
class FeedbackProcessor {

    /** What a report led to. */
    record Handled(FeedbackReport.Kind kind, @Nullable Long deliveryId, @Nullable String recipient, boolean suppressed) {}

    private static final Logger log = LoggerFactory.getLogger(FeedbackProcessor.class);

    private final Tokens tokens;
    private final DeliveryStore deliveries;
    private final SuppressionList suppressions;
    private final ComplaintGuard guard;
    private final EngageEvents events;
    private final JdbcClient jdbc;

    FeedbackProcessor(Tokens tokens, DeliveryStore deliveries, SuppressionList suppressions, ComplaintGuard guard,
                      EngageEvents events, JdbcClient jdbc) {
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.guard = guard;
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * Handles a report; empty when it concerns no message and no address Lotse knows.
     */
    Optional<Handled> handle(FeedbackReport report) {
        Delivery delivery = null;
        if (report.deliveryToken() != null) {
            delivery = tokens.verify(Tokens.Purpose.UNSUBSCRIBE, report.deliveryToken())
                    .flatMap(deliveries::find).orElse(null);
        }
        if (delivery == null && report.recipient() != null) {
            delivery = lastDeliveryTo(report.recipient()).flatMap(deliveries::find).orElse(null);
        }
        String recipient = delivery != null ? delivery.email() : report.recipient();
        if (recipient == null) {
            log.info("Ignoring a {} report that names neither a message nor an address", report.kind());
            return Optional.empty();
        }
        boolean suppressed = false;
        Long campaignId = delivery == null ? null : delivery.campaignId();
        switch (report.kind()) {
            case HARD_BOUNCE -> {
                suppressed = suppressions.suppress(recipient, SuppressionReason.HARD_BOUNCE, "report: " + report.detail());
                if (delivery != null) {
                    deliveries.markBounced(delivery.id(), report.detail());
                    record(delivery, "bounce", "Email Bounced", report);
                }
            }
            case SOFT_BOUNCE -> {
                if (delivery != null) {
                    deliveries.interaction(delivery.id(), campaignId, "soft_bounce", null);
                }
            }
            case COMPLAINT -> {
                suppressed = suppressions.suppress(recipient, SuppressionReason.COMPLAINT, "report: " + report.detail());
                if (delivery != null) {
                    record(delivery, "complaint", "Email Marked as Spam", report);
                    if (campaignId != null) {
                        guard.onComplaint(campaignId);
                    }
                }
            }
        }
        return Optional.of(new Handled(report.kind(), delivery == null ? null : delivery.id(), recipient, suppressed));
    }

    private void record(Delivery delivery, String kind, String event, FeedbackReport report) {
        if (deliveries.hasInteraction(delivery.id(), kind)) {
            return;
        }
        deliveries.interaction(delivery.id(), delivery.campaignId(), kind, null);
        events.track(event, kind + "-" + delivery.id(), delivery.userId(), delivery.email(),
                properties(delivery, report.detail()),
                report.kind() == FeedbackReport.Kind.COMPLAINT ? Map.of("email", false) : Map.of());
    }

    private static Map<String, Object> properties(Delivery delivery, String detail) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("email_id", delivery.id());
        if (delivery.campaignId() != null) {
            properties.put("campaign_id", delivery.campaignId());
        }
        properties.put("reason", detail);
        return properties;
    }

    private Optional<Long> lastDeliveryTo(String email) {
        return jdbc.sql("SELECT id FROM engage_deliveries WHERE lower(email) = ? ORDER BY id DESC LIMIT 1")
                .param(Tokens.normalise(email)).query(Long.class).optional();
    }
}
