package io.lotse.server.engage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Clicks and opens of messages: recorded per delivery and written to the person's events. A click is believed
 * only with a valid signature over its target, so the redirect cannot be abused to send people anywhere. Opens are
 * recorded once per message and are unreliable (privacy proxies load every pixel, many clients none).
 */
@Component
class Tracking {

    private final Tokens tokens;
    private final DeliveryStore deliveries;
    private final EngageEvents events;

    Tracking(Tokens tokens, DeliveryStore deliveries, EngageEvents events) {
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.events = events;
    }

    /** Records a click and returns where to send the person; empty for a forged or broken link. */
    Optional<String> click(String token, String url, String signature) {
        if (!tokens.verifySignature(token + url, signature) || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return Optional.empty();
        }
        Optional<Delivery> delivery = tokens.verify(Tokens.Purpose.CLICK, token).flatMap(deliveries::find);
        delivery.ifPresent(d -> {
            boolean first = !deliveries.hasInteraction(d.id(), "click");
            deliveries.interaction(d.id(), d.campaignId(), "click", url);
            if (first && d.kind() != DeliveryKind.TEST) {
                Map<String, Object> properties = properties(d);
                properties.put("link_url", url);
                events.track("Email Link Clicked", "click-" + d.id(), d.userId(), d.email(), properties, Map.of());
            }
        });
        return delivery.map(d -> url);
    }

    /** Records the first open of a message. */
    void open(String token) {
        tokens.verify(Tokens.Purpose.OPEN, token).flatMap(deliveries::find).ifPresent(d -> {
            if (!deliveries.hasInteraction(d.id(), "open")) {
                deliveries.interaction(d.id(), d.campaignId(), "open", null);
                if (d.kind() != DeliveryKind.TEST) {
                    events.track("Email Opened", "open-" + d.id(), d.userId(), d.email(), properties(d), Map.of());
                }
            }
        });
    }

    String preferencesToken(long deliveryId) {
        return tokens.token(Tokens.Purpose.PREFERENCES, deliveryId);
    }

    private static Map<String, Object> properties(Delivery delivery) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("email_id", delivery.id());
        if (delivery.campaignId() != null) {
            properties.put("campaign_id", delivery.campaignId());
        }
        if (delivery.variant() != null) {
            properties.put("variant", delivery.variant());
        }
        return properties;
    }
}
