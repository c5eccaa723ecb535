package io.lotse.simulator;

import java.time.LocalDate;

/**
 * What a run was asked for.
 *
 * @param seed             the seed
 * @param customers        number of customers
 * @param days             length of the tracked window in days
 * @param start            first day of the tracked window
 * @param end              first day after the window
 * @param historyStart     first day of the history (orders, spend, no events); a Monday
 * @param generatorVersion changes whenever the same seed would give different output
 * @param parameters       population-level truth
 */
public record SimulationInfo(long seed, int customers, int days, LocalDate start, LocalDate end,
        LocalDate historyStart, String generatorVersion, ShopParameters parameters) {
}
