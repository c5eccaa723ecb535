package io.lotse.bench;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One generated event of the Segment tracking protocol, with the columns the event log stores next to its JSON.
 *
 * @param messageId   the event's unique id, a UUID
 * @param type        {@code identify}, {@code track} or {@code page}
 * @param event       the event name of a {@code track} call; absent for the other types
 * @param userId      the shop's customer id; absent for people who never signed in
 * @param anonymousId the browser's id; absent for events sent by the shop's backend
 * @param timestamp   when the event happened, millisecond precision
 * @param otherFields every JSON member of the event except {@code messageId}, comma-separated, without braces
 */
record SegmentEvent(
        String messageId,
        String type,
        @Nullable String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        Instant timestamp,
        String otherFields) {

    SegmentEvent {
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("an event needs a userId or an anonymousId: " + messageId);
        }
    }

    /** The event as a JSON object, {@code messageId} first. */
    String json() {
        return "{\"messageId\":\"" + messageId + "\"," + otherFields + "}";
    }

    /** The same event under another message id, which must be a UUID (it is written without escaping). */
    SegmentEvent withMessageId(String newMessageId) {
        return new SegmentEvent(newMessageId, type, event, userId, anonymousId, timestamp, otherFields);
    }
}
