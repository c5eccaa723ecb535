package io.lotse.server.segment;

/**
 * The outcome of checking profiles against a segment's rule.
 *
 * @param size    members afterwards
 * @param entered profiles that entered
 * @param left    profiles that left
 * @param tookMs  how long it took, committing included
 */
public record SegmentEvaluation(long size, long entered, long left, long tookMs) {}
