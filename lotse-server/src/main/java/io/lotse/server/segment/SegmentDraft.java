package io.lotse.server.segment;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a client sends to create or change a segment.
 *
 * @param key         the key; on creation derived from the name when absent, on change ignored
 * @param name        display name, required
 * @param description what it is for, optional
 * @param rule        the rule in its JSON form
 */
public record SegmentDraft(@Nullable String key, @Nullable String name, @Nullable String description,
                           @Nullable JsonNode rule) {}
