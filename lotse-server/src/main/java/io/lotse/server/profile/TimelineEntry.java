package io.lotse.server.profile;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event on a profile's timeline.
 *
 * @param seq        log position, also the paging cursor
 * @param type       call type, e.g. {@code track}
 * @param name       event or page name
 * @param timestamp  when it happened
 * @param receivedAt when Lotse received it
 * @param messageId  the client's message id
 * @param payload    the stored message
 */
public record TimelineEntry(long seq, String type, @Nullable String name, Instant timestamp, Instant receivedAt,
                            String messageId, JsonNode payload) {}
