package io.lotse.server.identity;

/**
 * The two profiles separated by undoing a merge.
 *
 * @param mergeId    the merge undone
 * @param survivorId the profile that had absorbed the other
 * @param restoredId the profile restored with its own identifiers
 */
public record UnmergeResult(long mergeId, long survivorId, long restoredId) {}
