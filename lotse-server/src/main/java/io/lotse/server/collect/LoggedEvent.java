package io.lotse.server.collect;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event as stored in the log.
 *
 * @param seq         its position in the log; later appends have higher positions
 * @param messageId   the client's message id
 * @param type        the call type
 * @param event       the track event name, or the page or screen name
 * @param userId      the user id, if any
 * @param anonymousId the anonymous id, if any
 * @param timestamp   when it happened, skew-corrected
 * @param receivedAt  when Lotse received it
 * @param payload     the complete stored message
 */
public record LoggedEvent(
        long seq,
        String messageId,
        EventType type,
        @Nullable String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        Instant timestamp,
        Instant receivedAt,
        JsonNode payload) {}
