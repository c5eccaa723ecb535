package io.lotse.server.segment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A segment as it stands.
 *
 * @param key         its unique key, e.g. {@code at-risk-de}
 * @param name        display name
 * @param description what it is for
 * @param version     the version of the rule its members follow, counting from 1
 * @param rule        that rule, in its canonical JSON form
 * @param size        members right now
 * @param createdAt   when the segment was created
 * @param updatedAt   when its rule was last changed
 * @param evaluatedAt when the whole population was last checked against the rule, if yet
 * @param archivedAt  when it was archived; archived segments have no members and are not evaluated
 */
public record Segment(String key, String name, String description, int version, JsonNode rule, long size,
                      Instant createdAt, Instant updatedAt, @Nullable Instant evaluatedAt,
                      @Nullable Instant archivedAt) {}
