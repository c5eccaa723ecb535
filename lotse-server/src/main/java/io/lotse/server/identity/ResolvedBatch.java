package io.lotse.server.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of resolving a batch of sightings.
 *
 * @param profileBySeq the profile each event belongs to, by log position
 * @param merges       merges done, in order
 * @param created      profiles created
 */
public record ResolvedBatch(Map<Long, Long> profileBySeq, List<ProfileMerged> merges, Set<Long> created) {}
