package io.lotse.engine.propensity;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * What a propensity model predicts: whether {@code outcome} happens in {@code [cutoff, cutoff + horizonDays)},
 * from what was known before the cutoff.
 *
 * @param cutoff      features see only events before it
 * @param horizonDays length of the window after the cutoff, at least 1
 * @param outcome     the event predicted, e.g. {@code purchase} or {@code newsletter_signup}
 */
public record DataWindow(Instant cutoff, int horizonDays, String outcome) {

    public DataWindow {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("the horizon must be at least one day, was " + horizonDays);
        }
        if (outcome.isBlank()) {
            throw new IllegalArgumentException("name the outcome the model predicts");
        }
    }

    public Instant end() {
        return cutoff.plus(Duration.ofDays(horizonDays));
    }

    /** Whether one of the times lies in the window: the label of a training example. */
    public boolean happened(Collection<Instant> eventTimes) {
        Instant end = end();
        for (Instant at : eventTimes) {
            if (!at.isBefore(cutoff) && at.isBefore(end)) {
                return true;
            }
        }
        return false;
    }
}
