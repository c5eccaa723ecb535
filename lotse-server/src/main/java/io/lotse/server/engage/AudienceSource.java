package io.lotse.server.engage;

import java.util.List;
import java.util.Optional;

/**
 * Who is in a named audience, such as a segment. A module that builds segments (e.g. {@code segment}) provides a
 * bean of this type; campaigns and journeys then address its segments by key.
 */
public interface AudienceSource {

    /** The kind of audience this source answers, e.g. {@code segment}. */
    String kind();

    /** The profile ids in the audience with this key; empty when there is no such audience. */
    Optional<List<Long>> members(String key);

    /** Which of the given profiles are members of the audience with this key, for content by segment. */
    java.util.Set<Long> membersAmong(String key, java.util.Collection<Long> profileIds);
}
