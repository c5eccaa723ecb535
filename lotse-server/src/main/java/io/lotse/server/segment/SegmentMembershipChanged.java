package io.lotse.server.segment;

import java.time.Instant;

/**
 * A profile entered or left a segment; published after the change is committed, once per profile and change.
 * Journeys trigger on it.
 *
 * @param segmentId  the segment's id
 * @param segmentKey the segment's key
 * @param profileId  the profile
 * @param entered    {@code true} when the profile entered, {@code false} when it left
 * @param changedAt  when the evaluation that noticed the change ran
 */
public record SegmentMembershipChanged(long segmentId, String segmentKey, long profileId, boolean entered,
                                       Instant changedAt) {}
