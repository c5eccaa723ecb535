package io.lotse.engine.segment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Membership in another segment, by its key.
 *
 * @param segmentKey the other segment's key
 */
public record SegmentCondition(String segmentKey) implements Rule {

    /** A segment key: lower-case letters, digits and dashes, starting with a letter or digit, 64 characters at most. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public SegmentCondition {
        Objects.requireNonNull(segmentKey, "segmentKey");
        if (!isKey(segmentKey)) {
            throw new IllegalArgumentException(RuleProblem.BAD_SEGMENT_KEY.message(java.util.List.of(segmentKey)));
        }
    }

    public static boolean isKey(String candidate) {
        return KEY.matcher(candidate).matches();
    }
}
