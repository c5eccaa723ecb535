package io.lotse.server.engage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What people decide about the mail they get, from a link in any message and without signing in: one-click
 * unsubscribe (RFC 8058), the preference centre with its topics, and the objection to direct marketing. Every
 * decision is idempotent, suppresses the address where it says so, and reaches the profile as an event that
 * withdraws the email consent.
 */
@Component
class Subscriptions {

    /** What the preference centre shows. */
    record Preferences(long deliveryId, String maskedEmail, Map<String, String> topics, Set<String> optedOut,
                       @Nullable SuppressionReason suppressed) {}

    private final Tokens tokens;
    private final DeliveryStore deliveries;
    private final SuppressionList suppressions;
    private final TopicStore topics;
    private final EngageEvents events;

    Subscriptions(Tokens tokens, DeliveryStore deliveries, SuppressionList suppressions, TopicStore topics,
                  EngageEvents events) {
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.topics = topics;
        this.events = events;
    }

    /** The delivery an unsubscribe token belongs to; empty for a malformed or forged token. */
    Optional<Delivery> unsubscribeTarget(String token) {
        return tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token).flatMap(deliveries::find);
    }

    /** The delivery a preference-centre token belongs to. */
    Optional<Delivery> preferencesTarget(String token) {
        return tokens.verify(Tokens.Purpose.PREFERENCES, token).flatMap(deliveries::find);
    }

    /**
     * Unsubscribes the address of a message from all marketing email. Repeating it changes nothing.
     *
     * @return false for an invalid token
     */
    boolean unsubscribe(String token, String source) {
        Optional<Delivery> delivery = unsubscribeTarget(token);
        delivery.ifPresent(d -> withdraw(d, SuppressionReason.UNSUBSCRIBE, source));
        return delivery.isPresent();
    }

    Optional<Preferences> preferences(String token) {
        return preferencesTarget(token).map(d -> new Preferences(d.id(), mask(d.email()), topics.topics(),
                d.profileId() == null ? Set.of() : topics.optedOut(d.profileId()),
                suppressions.reasonOf(d.email()).orElse(null)));
    }

    /**
     * Saves the preference centre: the topics the person still wants, or unsubscribing from everything, or the
     * objection to any direct marketing.
     */
    boolean savePreferences(String token, Set<String> wanted, boolean unsubscribeAll, boolean objection) {
        Optional<Delivery> target = preferencesTarget(token);
        if (target.isEmpty()) {
            return false;
        }
        Delivery delivery = target.get();
        if (objection) {
            withdraw(delivery, SuppressionReason.OBJECTION, "preference centre");
        } else if (unsubscribeAll) {
            withdraw(delivery, SuppressionReason.UNSUBSCRIBE, "preference centre");
        } else if (delivery.profileId() != null) {
            topics.choose(delivery.profileId(), wanted);
        }
        return true;
    }

    private void withdraw(Delivery delivery, SuppressionReason reason, String source) {
        suppressions.suppress(delivery.email(), reason, source);
        if (!deliveries.hasInteraction(delivery.id(), "unsubscribe")) {
            deliveries.interaction(delivery.id(), delivery.campaignId(), "unsubscribe", null);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("email_id", delivery.id());
            if (delivery.campaignId() != null) {
                properties.put("campaign_id", delivery.campaignId());
            }
            properties.put("list", "all");
            properties.put("reason", reason.column());
            properties.put("source", source);
            events.track("Unsubscribed", reason.column() + "-" + delivery.id(), delivery.userId(), delivery.email(),
                    properties, Map.of("email", false));
        }
    }

    /** An address shortened so that a forwarded link does not show it whole: {@code a***@example.org}. */
    static String mask(String email) {
        int at = email.indexOf('@');
        if (at <= 1) {
            return "***" + email.substring(Math.max(0, at));
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
