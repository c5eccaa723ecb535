package io.lotse.server.predict;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The events a training run learns from: those that happened from {@code start} (inclusive; absent for the whole
 * history) until {@code end} (exclusive). Scores are as of {@code end}.
 *
 * @param start the first instant, or {@code null} for everything before {@code end}
 * @param end   the instant after the last event
 */
record TrainingWindow(@Nullable Instant start, Instant end) {

    TrainingWindow {
        Objects.requireNonNull(end, "end");
        if (start != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("the data window must start before it ends, was " + start + " to "
                    + end);
        }
    }

    /** The last calendar day of the window in the zone: the day of the last instant before the end. */
    LocalDate lastDay(ZoneId zone) {
        return end.minusNanos(1).atZone(zone).toLocalDate();
    }
}
