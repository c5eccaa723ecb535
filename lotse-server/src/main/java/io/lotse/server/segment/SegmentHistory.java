package io.lotse.server.segment;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a segment developed.
 *
 * @param versions every version of its rule, newest first
 * @param sizes    its size over time, oldest first, ending with the size now
 */
public record SegmentHistory(List<Version> versions, List<SizePoint> sizes) {

    /**
     * @param version   the version number, from 1
     * @param rule      the rule in its canonical JSON form
     * @param createdAt when it was saved
     * @param createdBy who saved it, if known
     */
    public record Version(int version, JsonNode rule, Instant createdAt, @Nullable String createdBy) {}

    /**
     * @param at   when (to the minute)
     * @param size members then
     */
    public record SizePoint(Instant at, long size) {}
}
