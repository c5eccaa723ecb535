package io.lotse.server.segment;

import io.lotse.engine.segment.Rule;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A segment row with its latest rule.
 *
 * @param id          database id
 * @param key         unique key
 * @param name        display name
 * @param description what it is for
 * @param createdAt   creation time
 * @param archivedAt  archiving time, if archived
 * @param size        members at the last evaluation
 * @param evaluatedAt the last whole-population evaluation, if any
 * @param version     the latest version
 * @param rule        the latest rule
 * @param updatedAt   when the latest version was saved
 */
record StoredSegment(long id, String key, String name, String description, Instant createdAt,
                     @Nullable Instant archivedAt, long size, @Nullable Instant evaluatedAt, int version, Rule rule,
                     Instant updatedAt) {

    boolean active() {
        return archivedAt == null;
    }
}
