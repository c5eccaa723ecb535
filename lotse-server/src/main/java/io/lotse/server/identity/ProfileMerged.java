package io.lotse.server.identity;

import java.time.Instant;
import java.util.List;

/**
 * One profile was merged into another; published for every merge.
 *
 * @param mergeId    id of the recorded merge, to explain or undo it
 * @param survivorId the profile that remains
 * @param mergedId   the profile that was merged into it
 * @param causeSeq   log position of the event that linked them
 * @param linking    the identifiers that linked them, as {@code type:value}
 * @param mergedAt   when the merge happened
 */
public record ProfileMerged(long mergeId, long survivorId, long mergedId, long causeSeq, List<String> linking,
                            Instant mergedAt) {}
