package io.lotse.engine.attribution;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One journey, or identical journeys aggregated: the channels touched in order, and how the journeys ended.
 *
 * @param channels      the touched channels, first to last; at least one
 * @param daysBeforeEnd for each touch, the days from it to the conversion (or the end of the journey); null when
 *                      unknown, then time decay counts touches instead
 * @param conversions   journeys of this path that converted (a count or weight, ≥ 0)
 * @param value         the conversion value of those conversions, ≥ 0
 * @param nulls         journeys of this path that did not convert, ≥ 0
 */
public record Journey(List<String> channels, double @Nullable [] daysBeforeEnd, double conversions, double value,
                      double nulls) {

    public Journey {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a journey needs at least one touch");
        }
        for (String channel : channels) {
            if (channel.isBlank()) {
                throw new IllegalArgumentException("a journey has a touch without a channel: " + channels);
            }
        }
        if (daysBeforeEnd != null) {
            if (daysBeforeEnd.length != channels.size()) {
                throw new IllegalArgumentException("a journey needs one age per touch");
            }
            for (double age : daysBeforeEnd) {
                if (!(age >= 0 && Double.isFinite(age))) {
                    throw new IllegalArgumentException("a touch's age must be a number ≥ 0, was " + age);
                }
            }
            daysBeforeEnd = daysBeforeEnd.clone();
        }
        if (!(conversions >= 0 && value >= 0 && nulls >= 0) || !Double.isFinite(conversions + value + nulls)) {
            throw new IllegalArgumentException("conversions, value and nulls must be numbers ≥ 0, were "
                    + conversions + ", " + value + ", " + nulls);
        }
    }

    /** Aggregated journeys without touch times, as in a path file. */
    public static Journey path(List<String> channels, double conversions, double value, double nulls) {
        return new Journey(channels, null, conversions, value, nulls);
    }

    /** One journey with the times of its touches. */
    public static Journey single(List<String> channels, double[] daysBeforeEnd, boolean converted, double value) {
        return new Journey(channels, daysBeforeEnd, converted ? 1 : 0, converted ? value : 0, converted ? 0 : 1);
    }
}
