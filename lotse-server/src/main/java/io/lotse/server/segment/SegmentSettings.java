package io.lotse.server.segment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of segments ({@code lotse.segments.*}, or {@code LOTSE_SEGMENTS_*} in the environment).
 *
 * @param fullEvaluationInterval how often every segment is checked against all profiles, besides the
 *                               per-event updates: windows such as "within 90 days" move with time
 * @param previewTimeout         how long a preview may take before it is cancelled
 */
@ConfigurationProperties("lotse.segments")
record SegmentSettings(
        @DefaultValue("15m") Duration fullEvaluationInterval,
        @DefaultValue("10s") Duration previewTimeout) {}
