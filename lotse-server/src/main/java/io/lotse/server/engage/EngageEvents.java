package io.lotse.server.engage;

import io.lotse.server.collect.CollectedEvent;
import io.lotse.server.collect.EventLog;
import io.lotse.server.collect.EventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes what people did with messages back into the event log as Segment e-commerce/email events ("Email Link
 * Clicked", "Email Opened", "Unsubscribed", "Email Bounced", "Email Marked as Spam", "Newsletter Confirmed", ...),
 * so that profiles, segments and journeys see them like any other event. Message ids are derived from what
 * happened, so recording the same thing twice stores it once.
 */
@Component
class EngageEvents {

    private final EventLog log;

    EngageEvents(EventLog log) {
        this.log = log;
    }

    /**
     * Appends a track event of a person.
     *
     * @param messageKey what makes the event unique, e.g. {@code unsubscribe-42}
     * @param consent    consent choices the event carries, e.g. {@code email=false}; empty for none
     */
    void track(String event, String messageKey, @Nullable String userId, String email, Map<String, Object> properties,
               Map<String, Boolean> consent) {
        append(List.of(trackEvent(event, messageKey, userId, email, properties, consent)));
    }

    /** Appends events built by {@link #trackEvent}, in one call to the log. */
    void append(List<CollectedEvent> events) {
        if (!events.isEmpty()) {
            log.append(events);
        }
    }

    /** A track event of a person, as {@link #track} appends it. */
    CollectedEvent trackEvent(String event, String messageKey, @Nullable String userId, String email,
                              Map<String, Object> properties, Map<String, Boolean> consent) {
        Instant now = Instant.now();
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("type", "track");
        message.put("event", event);
        String messageId = "lotse-engage-" + messageKey;
        message.put("messageId", messageId);
        String anonymousId = userId == null ? anonymousIdOf(email) : null;
        if (userId != null) {
            message.put("userId", userId);
        } else {
            message.put("anonymousId", anonymousId);
        }
        ObjectNode props = message.putObject("properties");
        properties.forEach((key, value) -> {
            if (value instanceof Number number) {
                props.put(key, number.doubleValue());
            } else if (value instanceof Boolean flag) {
                props.put(key, flag);
            } else {
                props.put(key, String.valueOf(value));
            }
        });
        ObjectNode context = message.putObject("context");
        context.putObject("library").put("name", "lotse-engage").put("version", "1");
        context.putObject("traits").put("email", email);
        if (!consent.isEmpty()) {
            ObjectNode preferences = context.putObject("consent").putObject("categoryPreferences");
            consent.forEach(preferences::put);
        }
        message.put("timestamp", now.toString());
        message.put("receivedAt", now.toString());
        return new CollectedEvent(messageId, EventType.TRACK, event, userId, anonymousId, now, now, message);
    }

    /** Appends an identify call that sets traits of a person. */
    void identify(String messageKey, @Nullable String userId, String email, ObjectNode traits) {
        Instant now = Instant.now();
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("type", "identify");
        String messageId = "lotse-engage-" + messageKey;
        message.put("messageId", messageId);
        String anonymousId = userId == null ? anonymousIdOf(email) : null;
        if (userId != null) {
            message.put("userId", userId);
        } else {
            message.put("anonymousId", anonymousId);
        }
        message.set("traits", traits);
        message.putObject("context").putObject("library").put("name", "lotse-engage").put("version", "1");
        message.put("timestamp", now.toString());
        message.put("receivedAt", now.toString());
        log.append(List.of(new CollectedEvent(messageId, EventType.IDENTIFY, null, userId, anonymousId, now, now,
                message)));
    }

    /** The anonymous id of a person known only by their address: the same for every event about them. */
    static String anonymousIdOf(String email) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Tokens.normalise(email)
                    .getBytes(StandardCharsets.UTF_8));
            return "email-" + HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
