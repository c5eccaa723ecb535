package io.lotse.server.collect;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated event ready for the log.
 *
 * @param messageId   the client's id of the message; the log stores each id once
 * @param type        the call type
 * @param event       the track event name, or the page or screen name
 * @param userId      the known user id, if any
 * @param anonymousId the anonymous id, if any; at least one of the two ids is present
 * @param timestamp   when it happened, corrected for the client's clock skew
 * @param receivedAt  when Lotse received it
 * @param payload     the complete message as it will be stored
 */
public record CollectedEvent(
        String messageId,
        EventType type,
        @Nullable String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        Instant timestamp,
        Instant receivedAt,
        ObjectNode payload) {

    public CollectedEvent {
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("an event needs a userId or an anonymousId");
        }
        if (messageId.isEmpty() || messageId.length() > SegmentLimits.MAX_MESSAGE_ID_LENGTH) {
            throw new IllegalArgumentException("messageId must have 1 to 100 characters");
        }
    }
}
