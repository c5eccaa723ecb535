package io.lotse.server.collect;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A track event of the log as followers that act on certain events read it.
 *
 * @param seq         its position in the log
 * @param event       the event name
 * @param userId      the user id, if any
 * @param anonymousId the anonymous id, if any
 * @param timestamp   when it happened, skew-corrected
 * @param properties  its {@code properties} as JSON text, {@code {}} when it has none
 */
public record TrackedEvent(
        long seq,
        String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        Instant timestamp,
        String properties) {}
