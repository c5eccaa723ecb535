package io.lotse.server.segment;

import java.util.List;

/**
 * Who a rule would select now, without storing anything.
 *
 * @param size   how many live profiles match
 * @param sample up to {@value Segments#PREVIEW_SAMPLE} of them, the most recently active first
 * @param tookMs how long the evaluation took
 */
public record SegmentPreview(long size, List<SegmentMember> sample, long tookMs) {}
