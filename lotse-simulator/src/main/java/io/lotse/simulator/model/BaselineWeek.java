package io.lotse.simulator.model;

import java.time.LocalDate;

/**
 * The non-media part of a week (truth).
 *
 * @param week                 Monday of the week
 * @param observedDays         days of the week inside the simulated time span
 * @param trend                trend multiplier
 * @param seasonality          mean yearly-seasonality multiplier of the observed days
 * @param holidays             mean holiday multiplier of the observed days
 * @param expectedAcquisitions expected new customers through organic and direct
 * @param realisedAcquisitions new customers through organic and direct
 * @param repeatOrders         BG/NBD repeat orders placed this week
 */
public record BaselineWeek(LocalDate week, int observedDays, double trend, double seasonality, double holidays,
        double expectedAcquisitions, int realisedAcquisitions, int repeatOrders) {
}
