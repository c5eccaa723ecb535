package io.lotse.server.engage;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.api.email.Email;
import org.springframework.stereotype.Component;

/**
 * Sends one message: the last suppression check, rendering, composing and handing it to the SMTP server, and
 * what follows from the answer (a permanent refusal is a hard bounce and suppresses the address).
 */
@Component
class Outbox {

    private final SuppressionList suppressions;
    private final MessageRenderer renderer;
    private final MessageComposer composer;
    private final MailTransport transport;
    private final DeliveryStore deliveries;

    Outbox(SuppressionList suppressions, MessageRenderer renderer, MessageComposer composer, MailTransport transport,
           DeliveryStore deliveries) {
        this.suppressions = suppressions;
        this.renderer = renderer;
        this.composer = composer;
        this.transport = transport;
        this.deliveries = deliveries;
    }

    /**
     * Renders and sends a claimed delivery. The caller has checked consent, frequency and the suppression list in
     * bulk; this checks the suppressions added since, right before the message leaves.
     *
     * @param campaignKey added to tracked links as {@code utm_campaign}, or null
     */
    DeliveryStore.Outcome deliver(Delivery delivery, Content content, Person person, String topic,
                                  @Nullable String campaignKey, String subjectPrefix) {
        if (suppressions.suppressedJustNow(delivery.email())) {
            return new DeliveryStore.Outcome(delivery.id(), DeliveryStatus.SUPPRESSED, "suppressed", null, null);
        }
        return send(delivery, content, person, topic, campaignKey, subjectPrefix);
    }

    private DeliveryStore.Outcome send(Delivery delivery, Content content, Person person, String topic,
                                       @Nullable String campaignKey, String subjectPrefix) {
        long start = System.nanoTime();
        RenderedMessage rendered = renderer.render(content, person, delivery.id(), campaignKey,
                delivery.kind().marketing());
        if (!subjectPrefix.isEmpty()) {
            rendered = new RenderedMessage(subjectPrefix + rendered.subject(), rendered.html(), rendered.text());
        }
        Email email = composer.compose(delivery.id(), delivery.email(), rendered, delivery.kind().marketing(), topic,
                delivery.campaignId());
        double renderMs = (System.nanoTime() - start) / 1e6;
        SendResult result = transport.send(email);
        if (result.accepted()) {
            return new DeliveryStore.Outcome(delivery.id(), DeliveryStatus.SENT, null, email.getId(), renderMs);
        }
        if (result.permanent()) {
            suppressions.suppress(delivery.email(), SuppressionReason.HARD_BOUNCE, "smtp");
            deliveries.interaction(delivery.id(), delivery.campaignId(), "bounce", null);
            return new DeliveryStore.Outcome(delivery.id(), DeliveryStatus.BOUNCED, result.detail(), email.getId(),
                    renderMs);
        }
        return new DeliveryStore.Outcome(delivery.id(), DeliveryStatus.FAILED, result.detail(), email.getId(),
                renderMs);
    }

    /**
     * Sends one message now, outside any queue (a test send, a confirmation, a journey step): records the
     * delivery, checks the suppression list in the database, sends and records the outcome.
     *
     * @param requestedByPerson whether the person has just asked for this very message (an opt-in confirmation):
     *                          then an earlier unsubscribe does not block it, a bounce or complaint still does
     */
    DeliveryStore.Outcome sendNow(DeliveryKind kind, @Nullable Long campaignId, Person person, String toAddress,
                                  Content content, String topic, String subjectPrefix, boolean requestedByPerson) {
        Delivery delivery = deliveries.startSingle(kind, campaignId,
                kind == DeliveryKind.TEST || person.profileId() == 0 ? null : person.profileId(), person.userId(),
                toAddress, null);
        boolean blocked = requestedByPerson
                ? suppressions.reasonOf(toAddress).filter(reason -> !reason.liftedByNewConsent()).isPresent()
                : suppressions.isSuppressed(toAddress);
        DeliveryStore.Outcome outcome = blocked
                ? new DeliveryStore.Outcome(delivery.id(), DeliveryStatus.SUPPRESSED, "suppressed", null, null)
                : send(delivery, content, person, topic, null, subjectPrefix);
        deliveries.finish(List.of(outcome));
        return outcome;
    }
}
