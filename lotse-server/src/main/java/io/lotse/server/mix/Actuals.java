package io.lotse.server.mix;

import java.time.LocalDate;

/**
 * What actually happened in a span of days, from the event log's orders.
 *
 * @param from    first day
 * @param to      last day, inclusive
 * @param daysSeen days of the span already passed
 * @param orders  distinct orders
 * @param revenue their revenue
 */
public record Actuals(LocalDate from, LocalDate to, int daysSeen, long orders, double revenue) {

    /** The figure of an outcome. */
    public double of(MixOutcome outcome) {
        return outcome == MixOutcome.REVENUE ? revenue : orders;
    }
}
